// A new user's first trace, in a real headless Chromium: search each demo scam wallet and add it to
// the trace, open one's address page, run the forward trace, read the graph and the endpoints, save
// the trace in a new case and export its CSV. It writes what the page showed to observed.json and
// the download next to it; WebUiBrowserTest holds both against the API's own answers.
//
// node test/journey.mjs '{"base":"http://127.0.0.1:PORT/","out":"DIR","chromium":"/usr/bin/chromium",
//                         "wallets":["0x…"],"screenshots":"DIR or null"}'
import { chromium } from 'playwright-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const input = JSON.parse(process.argv[2]);
const STEP = 30_000;
const problems = [];
const started = Date.now();
const step = (what) => console.log(`${((Date.now() - started) / 1000).toFixed(1)} s  ${what}`);

const browser = await chromium.launch({
  executablePath: input.chromium,
  headless: true,
  timeout: STEP,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
// A fresh context is a fresh profile: no key, no seed basket, nothing cached.
const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true, deviceScaleFactor: 1 });
const page = await context.newPage();
page.setDefaultTimeout(STEP);
page.on('pageerror', (e) => problems.push('page error: ' + e.message));
page.on('console', (m) => { if (m.type() === 'error') problems.push('console error: ' + m.text()); });
page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.request().method()} ${r.url()}`); });

/** After expanding an entity, the label of its first address node: "Entity · 0x… · amount". */
function endpointAddressLabel(nodes) {
  const entity = nodes.find((n) => n.category === 'exchange' && / \(\d+\)/.test(n.label)).label.split(' (')[0];
  return entity + ' · 0x';
}

async function shot(name) {
  if (!input.screenshots) return;
  mkdirSync(input.screenshots, { recursive: true });
  await page.waitForLoadState('networkidle');
  await page.mouse.move(0, 0);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(input.screenshots, name + '.png'), fullPage: true, animations: 'disabled', caret: 'hide' });
}

try {
  await page.goto(input.base);
  await page.waitForSelector('#home-search');
  step('home page loaded');

  // 1. Search each scam wallet from the top bar and add it to the trace with one click.
  for (const [i, wallet] of input.wallets.entries()) {
    await page.fill('#search-input', wallet);
    await page.press('#search-input', 'Enter');
    const result = page.locator('.result', { has: page.locator(`a[title="${wallet}"]`) });
    await result.waitFor();
    if (i === 0) {
      // The address page of the first one: labels, totals, exposure and counterparties.
      await result.locator(`a[title="${wallet}"]`).first().click();
      await page.waitForSelector('#address-title');
      await page.waitForSelector('#counterparties');
      await page.waitForSelector('.score-value');
      // The evidence behind the largest counterparty: its transfers.
      await page.locator('#counterparties .evidence-link').first().click();
      await page.waitForSelector('.evidence table tbody tr');
      await shot('address');
      await page.click('.page-head .add-seed');
    } else {
      await result.locator('.add-seed').click();
    }
  }

  step('wallets searched and added to the trace');
  // 2. The trace form holds the basket; run it with its defaults (forward, haircut, 10 hops, USDT).
  await page.click('[data-nav="trace"]');
  await page.waitForSelector('#trace-form');
  const seeds = (await page.inputValue('textarea[name="seeds"]')).split(/\s+/).filter(Boolean);
  await page.click('#run-trace');
  await page.waitForSelector('#trace-summary');
  await page.waitForSelector('#graph-nodes li', { state: 'attached' });
  await page.waitForLoadState('networkidle');
  step('trace run, graph drawn');
  const graphNodes = await page.$$eval('#graph-nodes li', (items) => items.map((li) => ({ label: li.textContent, category: li.dataset.category })));
  const form = {
    chain: await page.inputValue('input[name="chain"]'),
    asset: await page.inputValue('input[name="asset"]'),
    direction: await page.inputValue('select[name="direction"]'),
    model: await page.inputValue('select[name="model"]'),
    maxHops: Number(await page.inputValue('input[name="hops"]')),
  };
  // Open the largest endpoint entity from the node list (a click on its node does the same), expand it
  // into its addresses and show the next hop of the first.
  await page.click('.node-list summary');
  await page.locator('#graph-nodes button', { hasText: graphNodes.find((n) => n.category === 'exchange' && / \(\d+\)/.test(n.label))?.label.split(' (')[0] ?? 'Exchange' }).first().click();
  await page.click('#graph-details button:has-text("Expand into addresses")');
  await page.locator('#graph-nodes button', { hasText: endpointAddressLabel(graphNodes) }).first().click();
  await page.click('#expand-next-hop');
  await page.waitForSelector('#expand-next-hop:has-text("Next hop shown")');
  await page.click('.node-list summary');
  await shot('trace-graph');

  await page.click('#tab-sankey');
  await page.waitForSelector('#sankey svg .sankey-node');
  const sankeyNodes = await page.$$eval('#sankey .sankey-name', (names) => names.map((n) => n.textContent));
  await shot('trace-sankey');

  await page.click('#tab-flows');
  await page.waitForSelector('#flows-table tbody tr');
  const flowRows = await page.locator('#flows-table tbody tr').count();
  await shot('trace-flows');

  await page.click('#tab-endpoints');
  await page.waitForSelector('#endpoints-table tbody tr');
  const endpoints = await page.$$eval('#endpoints-table tbody tr', (rows) => rows.map((row) => ({
    address: row.querySelector('a.addr').title,
    entity: row.cells[0].textContent,
    amount: row.querySelector('td.endpoint-amount').textContent,
  })));

  step('flow diagram, flows and endpoints read');
  // 4. Save it in a new case, then export the saved trace's CSV.
  await page.selectOption('#case-select', '');
  await page.fill('#case-title', 'Browser test: demo scam wallets');
  await page.click('#save-to-case');
  await page.waitForURL(/#\/cases\/[^/]+\/traces\/[^/]+$/);
  const [, caseId, traceId] = /#\/cases\/([^/]+)\/traces\/([^/]+)$/.exec(page.url()).map(decodeURIComponent);
  await page.waitForSelector('#export-csv');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  mkdirSync(input.out, { recursive: true });
  const csv = join(input.out, 'export.csv');
  await download.saveAs(csv);
  step('saved in ' + caseId + ' and CSV exported');

  // 5. The case page, with a note.
  await page.goto(input.base + '#/cases/' + encodeURIComponent(caseId));
  await page.waitForSelector('#case-traces');
  await page.fill('#note-text', 'Harbor Exchange received most of the proceeds through two deposit addresses: request the account holders.');
  await page.click('#add-note');
  await page.waitForSelector('.notes li');
  // The first wallet under investigation, the second watched.
  await page.fill('#case-address-form input[name="address"]', input.wallets[0]);
  await page.fill('#case-address-form input[name="note"]', 'scam wallet: victims paid the fake trading platform here');
  await page.click('#case-address-form button');
  await page.waitForSelector(`.case-page a[title="${input.wallets[0]}"]`);
  await page.fill('#watch-form input[name="address"]', input.wallets[1]);
  await page.click('#watch-form button');
  await page.waitForSelector('#watchlist tbody tr');
  step('case page: note, address and watch added');
  await shot('case');

  writeFileSync(join(input.out, 'observed.json'), JSON.stringify({
    seeds, form, graphNodes, sankeyNodes, flowRows, endpoints, caseId, traceId,
    downloadName: download.suggestedFilename(), csv, problems,
  }, null, 2));
} catch (e) {
  if (input.screenshots || input.out) {
    mkdirSync(input.out, { recursive: true });
    await page.screenshot({ path: join(input.out, 'failure.png'), fullPage: true }).catch(() => {});
  }
  console.error('journey failed at ' + page.url() + ': ' + (e.stack ?? e));
  if (problems.length) console.error(problems.join('\n'));
  process.exitCode = 1;
} finally {
  await browser.close();
}
