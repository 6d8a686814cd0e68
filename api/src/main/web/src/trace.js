// The trace form and a trace's results: summary, graph, flow diagram, flows and endpoints, saving to
// a case and exports. A saved trace (from a case) shows in the same views.
import { get, post, seg, download } from './api.js';
import { h, panel, facts, chip, empty, replace } from './dom.js';
import { format, percent, isAmount, sum } from './amount.js';
import { addressLink, entityLink, seeds as basket, setSeeds, traceHref, txHash } from './links.js';
import { categoryName, time, shortAddress } from './text.js';
import { sortableTable } from './table.js';
import { legendEntries, colour } from './categories.js';
import { TraceGraph } from './graph.js';
import { sankeyModel, drawSankey } from './sankey.js';
import { action, notify } from './notice.js';
import { showTransfers } from './address.js';

const MODELS = [
  ['haircut', 'Haircut: taint shared pro rata with clean funds'],
  ['poison', 'Poison: any taint taints the whole transfer'],
  ['fifo', 'FIFO: first in, first out'],
];

/** The request body POST /api/v1/traces takes, from the form's (or the URL's) values. */
function requestOf(p) {
  const body = { chain: p.chain, seeds: p.seeds, asset: p.asset, direction: p.direction, model: p.model, maxHops: Number(p.hops) };
  const blockOrTime = (v) => (/^\d+$/.test(v) ? Number(v) : v);
  if (p.since) body.since = blockOrTime(p.since);
  if (p.until) body.until = blockOrTime(p.until);
  if (p.min) body.minAmount = p.min;
  return body;
}

function paramsOf(q) {
  const fromUrl = (q.get('seeds') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const chain = q.get('chain') || basket()[0]?.chain || 'ethereum';
  return {
    chain,
    seeds: fromUrl.length ? fromUrl : basket().filter((s) => s.chain === chain).map((s) => s.address),
    asset: q.get('asset') || 'USDT',
    direction: q.get('direction') || 'forward',
    model: q.get('model') || 'haircut',
    hops: q.get('hops') || '10',
    since: q.get('since') || '',
    until: q.get('until') || '',
    min: q.get('min') || '',
  };
}

export async function traceView(q) {
  const p = paramsOf(q);
  const form = traceForm(p, q.get('run') !== '1' || p.seeds.length === 0);
  const results = h('div', { id: 'trace-results' });
  const page = h('div', { class: 'trace-page' }, form, results);
  if (q.get('run') === '1' && p.seeds.length) {
    replace(results, h('p', { class: 'loading', role: 'status' }, `Tracing ${p.seeds.length} seed${p.seeds.length === 1 ? '' : 's'}…`));
    const request = requestOf(p);
    post('api/v1/traces', request).then((result) => replace(results, traceResults(result, { request })))
      .catch((e) => {
        replace(results);
        markField(form, e.field);
        notify(e);
      });
  }
  return page;
}

function markField(form, field) {
  form.querySelectorAll('.invalid').forEach((el) => el.classList.remove('invalid'));
  const names = { seeds: 'seeds', asset: 'asset', maxHops: 'hops', since: 'since', until: 'until', minAmount: 'min', model: 'model', direction: 'direction', chain: 'chain' };
  const input = field && form.querySelector(`[name="${names[field] ?? field}"]`);
  if (input) {
    input.classList.add('invalid');
    input.focus();
  }
}

function traceForm(p, open) {
  const field = (label, input, hint) => h('label', { class: 'field' }, h('span', null, label), input, hint ? h('small', null, hint) : null);
  const seedsInput = h('textarea', { name: 'seeds', rows: 3, spellcheck: 'false', class: 'mono', required: true, placeholder: 'One address per line' }, p.seeds.join('\n'));
  const summary = `${p.seeds.length} seed${p.seeds.length === 1 ? '' : 's'} · ${p.asset} on ${p.chain} · ${p.direction} · ${p.model} · ${p.hops} hops`
    + (p.since ? ' · since ' + p.since : '') + (p.until ? ' · until ' + p.until : '') + (p.min ? ' · min ' + p.min : '');
  const form = h('form', { class: 'panel trace-form', id: 'trace-form' },
    h('details', { open },
      h('summary', null, h('h1', null, 'Trace'), h('span', { class: 'muted' }, open ? 'Where did the seeds\u2019 funds go, or come from?' : summary + ' · edit')),
    h('div', { class: 'form-grid' },
      field('Seeds (addresses under investigation)', seedsInput, 'One per line, or collect them with “+ Add to trace” on search results and address pages.'),
      h('div', { class: 'form-col' },
        field('Chain', h('input', { name: 'chain', value: p.chain, required: true, spellcheck: 'false' })),
        field('Asset', h('input', { name: 'asset', value: p.asset, required: true, spellcheck: 'false' }), 'Symbol or token contract'),
        field('Direction', h('select', { name: 'direction' },
          h('option', { value: 'forward', selected: p.direction === 'forward' }, 'Forward: where the funds went'),
          h('option', { value: 'backward', selected: p.direction === 'backward' }, 'Backward: where they came from')))),
      h('div', { class: 'form-col' },
        field('Taint model', h('select', { name: 'model' }, MODELS.map(([v, t]) => h('option', { value: v, selected: p.model === v }, t)))),
        field('Max hops', h('input', { name: 'hops', type: 'number', min: 1, max: 50, value: p.hops, required: true })),
        field('Min amount', h('input', { name: 'min', value: p.min, placeholder: '0', inputmode: 'decimal' }), 'Smaller transfers are dust, not followed')),
      h('div', { class: 'form-col' },
        field('Since', h('input', { name: 'since', value: p.since, placeholder: 'block or 2024-10-27T00:00:00Z' })),
        field('Until', h('input', { name: 'until', value: p.until, placeholder: 'block or 2024-10-28' }))))),
    h('div', { class: 'actions' },
      h('button', { class: 'primary', id: 'run-trace' }, 'Run trace'),
      basket().length ? h('button', { type: 'button', class: 'link', onclick: () => { setSeeds([]); seedsInput.value = ''; } }, 'Clear the seed basket') : null));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const v = (name) => form.elements[name].value.trim();
    const list = v('seeds').split(/[\s,]+/).filter(Boolean);
    if (v('min') && !isAmount(v('min'))) {
      markField(form, 'minAmount');
      notify(new Error('Min amount must be a decimal number such as 0.01'));
      return;
    }
    const next = traceHref({ chain: v('chain'), seeds: list, asset: v('asset'), direction: v('direction'), model: v('model'), hops: v('hops'), since: v('since'), until: v('until'), min: v('min'), run: 1 });
    if (location.hash === next) window.dispatchEvent(new HashChangeEvent('hashchange'));
    else location.hash = next;
  });
  return form;
}

/**
 * A trace result's views.
 *
 * @param result  the TraceResult JSON
 * @param options {request: the body that produced it (for saving and exports), saved: {caseId, id}}
 */
export function traceResults(result, { request, saved } = {}) {
  const asset = result.parameters.asset.symbol ?? result.parameters.asset.contract ?? '';
  const s = result.summary;
  const details = h('aside', { class: 'details', id: 'graph-details', 'aria-live': 'polite' }, detailsHint());
  const graphBox = h('div', { class: 'graph', id: 'graph' });
  const legend = h('ul', { class: 'legend', id: 'graph-legend' });
  // The nodes as a list of buttons: the graph for the keyboard and screen readers (a canvas is neither).
  const textList = h('ul', { id: 'graph-nodes', 'aria-label': 'Nodes of the graph' });
  const nodeList = h('details', { class: 'node-list' }, h('summary', null, 'All nodes as a list'), textList);
  const sankeyBox = h('div', { class: 'sankey-box', id: 'sankey' });
  let graph = null;
  const attributions = new Map();

  const tabs = [
    ['graph', 'Graph', h('div', { class: 'graph-layout' },
      h('div', { class: 'graph-main' },
        h('div', { class: 'toolbar' },
          h('button', { type: 'button', class: 'secondary small', onclick: () => graph?.fit() }, 'Fit'),
          h('button', { type: 'button', class: 'secondary small', onclick: () => graph?.setAllExpanded(true) }, 'Expand entities'),
          h('button', { type: 'button', class: 'secondary small', onclick: () => graph?.setAllExpanded(false) }, 'Collapse entities'),
          h('button', { type: 'button', class: 'secondary small', onclick: () => savePng() }, 'Save as PNG'),
          h('span', { class: 'muted hint' }, 'Click a node or edge for details; double-click an entity to expand it.')),
        graphBox, legend, nodeList),
      details)],
    ['sankey', 'Flow diagram', h('div', null, h('p', { class: 'muted' }, `Tainted ${asset} from the seeds (left) through the addresses it passed to the endpoints (right). Hover a band for its exact amount.`), sankeyBox)],
    ['flows', `Flows (${result.flows.length})`, flowsTable(result)],
    ['endpoints', `Endpoints (${result.endpoints.length})`, endpointsView(result)],
  ];
  const panes = new Map();
  const buttons = tabs.map(([id, label]) => h('button', { type: 'button', role: 'tab', id: 'tab-' + id, class: 'tab', 'aria-controls': 'pane-' + id, onclick: () => show(id) }, label));
  tabs.forEach(([id, , content]) => panes.set(id, h('div', { role: 'tabpanel', id: 'pane-' + id, 'aria-labelledby': 'tab-' + id, hidden: true }, content)));

  function show(id) {
    buttons.forEach((b) => b.setAttribute('aria-selected', String(b.id === 'tab-' + id)));
    panes.forEach((pane, key) => { pane.hidden = key !== id; });
    if (id === 'graph') {
      if (!graph) startGraph();
      else graph.fit();
    }
    if (id === 'sankey') drawSankeyInto();
  }

  function startGraph() {
    graph = new TraceGraph(graphBox, result, (selection) => replace(details, describe(selection)));
    graph.onChange = () => {
      replace(legend, legendEntries(graph.categories()).map((e) => h('li', null, h('span', { class: 'swatch', style: 'background:' + e.colour }), e.name)),
        h('li', null, h('span', { class: 'edge-key' }), 'Edge width: tainted amount'),
        h('li', null, h('span', { class: 'edge-key dashed' }), 'Next hop, not traced'));
      replace(textList, graph.describe().map((n) => h('li', { dataset: { category: n.category } },
        h('button', { type: 'button', dataset: { node: n.id }, onclick: () => graph.select(n.id) }, n.label))));
    };
    graph.onChange();
    graph.onNodesAdded = loadAttributions;
    loadAttributions();
  }

  async function loadAttributions() {
    const addresses = graph.addresses().filter((a) => !attributions.has(a));
    for (let i = 0; i < addresses.length; i += 1000) {
      try {
        const answer = await post('api/v1/attributions', { chain: result.parameters.chain, addresses: addresses.slice(i, i + 1000) });
        Object.entries(answer.attributions).forEach(([a, v]) => attributions.set(a, v));
        graph.setAttributions(answer.attributions);
      } catch (e) {
        notify(e);
        return;
      }
    }
  }

  function drawSankeyInto() {
    const width = Math.max(640, sankeyBox.clientWidth || 1000);
    const model = sankeyModel(result, attributions);
    replace(sankeyBox, model.links.length ? drawSankey(model, { width, asset }) : empty('No tainted flows to draw.'),
      model.droppedCycles ? h('p', { class: 'muted' }, `${model.droppedCycles} flow${model.droppedCycles === 1 ? '' : 's'} that send funds back to an earlier address (a cycle) are not drawn; the Flows table lists them.`) : null,
      h('ul', { class: 'legend' }, legendEntries(model.nodes.map((n) => n.category)).map((e) => h('li', null, h('span', { class: 'swatch', style: 'background:' + e.colour }), e.name))));
  }

  function describe(sel) {
    if (sel.kind === 'none') return detailsHint();
    if (sel.kind === 'edge') return edgeDetails(sel, result.parameters.chain, asset);
    return nodeDetails(sel, graph, result.parameters.chain, asset, details);
  }

  async function savePng() {
    const blob = await graph.png();
    const url = URL.createObjectURL(blob);
    const link = Object.assign(document.createElement('a'), { href: url, download: 'trace-graph.png' });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  const root = h('div', { class: 'results' },
    summaryPanel(result, asset),
    h('div', { class: 'result-actions-bar' },
      saved ? null : saveToCase(request),
      h('div', { class: 'exports' }, h('span', { class: 'muted' }, 'Export '),
        ['csv', 'json', 'graphml'].map((format) => h('button', {
          type: 'button', class: 'secondary small', id: 'export-' + format,
          onclick: (event) => action(event.currentTarget, () => (saved
            ? download(`api/v1/cases/${seg(saved.caseId)}/traces/${seg(saved.id)}/export?format=${format}`, `${saved.caseId}-${saved.id}.${format}`)
            : download('api/v1/traces?format=' + format, 'trace.' + format, { method: 'POST', body: request }))),
        }, format.toUpperCase())))),
    h('div', { class: 'tabs', role: 'tablist' }, buttons),
    [...panes.values()]);
  // The graph needs its container laid out before it draws: show it once the results are in the page.
  requestAnimationFrame(() => show('graph'));
  return root;
}

function detailsHint() {
  return h('div', { class: 'hint-box' }, h('h3', null, 'Details'), h('p', { class: 'muted' }, 'Click a node to see who it is, what it received, and to expand its next hop. Click an edge for the transactions behind it.'));
}

function summaryPanel(result, asset) {
  const s = result.summary;
  const p = result.parameters;
  const cuts = [['hop limit', s.cutByHopLimit], ['window', s.cutByWindow], ['dust', s.cutAsDust]].filter(([, c]) => c.transfers > 0);
  return h('section', { class: 'panel summary', id: 'trace-summary' },
    h('div', { class: 'summary-head' },
      h('h2', null, `${p.direction === 'backward' ? 'Backward' : 'Forward'} trace · ${p.model} · ${asset} on ${p.chain}`),
      h('span', { class: 'muted' }, `max ${p.maxHops} hops · snapshot ${Object.entries(result.snapshot).map(([c, b]) => `${c} #${b}`).join(', ')}`)),
    h('div', { class: 'kpis' },
      kpi(p.direction === 'backward' ? 'Seeds received' : 'Seeds sent', s.seedFlow, asset),
      kpi(p.direction === 'backward' ? 'From endpoints' : 'Reached endpoints', s.taintedToEndpoints, asset, 'strong'),
      kpi('Still held', s.taintStillHeld, asset),
      kpi('Cut by limits', sum(cuts.map(([, c]) => c.taint)), asset),
      h('div', { class: 'kpi' }, h('span', { class: 'kpi-label' }, 'Tainted transfers'), h('span', { class: 'kpi-value' }, String(s.flowCount)))),
    h('p', { class: 'seeds-line' }, 'Seeds: ', p.seeds.map((a, i) => [i ? ', ' : '', addressLink(p.chain, a)])),
    cuts.length ? h('p', { class: 'muted' }, 'Not followed: ' + cuts.map(([why, c]) => `${format(c.taint)} ${asset} in ${c.transfers} transfer(s) by the ${why}`).join('; ') + '.') : null,
    s.cutByTimeBudget ? h('p', { class: 'warn' }, `The server's time budget ran out after ${s.cutByTimeBudget.hops} hops: ${format(s.cutByTimeBudget.taint)} ${asset} at ${s.cutByTimeBudget.addresses} addresses was not followed further.`) : null,
    result.entities.length ? h('div', { class: 'entity-totals' }, result.entities.map((e) => h('div', { class: 'entity-total' },
      h('span', { class: 'swatch', style: 'background:' + colour(e.entity.category) }),
      h('span', null, entityLink(e.entity), h('small', { class: 'muted' }, ' ' + categoryName(e.entity.category))),
      h('strong', { class: 'num' }, format(e.taintedAmount) + ' ' + asset)))) : null);
}

function kpi(label, amount, asset, cls = '') {
  return h('div', { class: 'kpi ' + cls }, h('span', { class: 'kpi-label' }, label),
    h('span', { class: 'kpi-value' }, format(amount)), h('span', { class: 'kpi-unit' }, asset));
}

function flowsTable(result) {
  const chain = result.parameters.chain;
  const endpoints = new Map(result.endpoints.map((e) => [e.address, e]));
  const seeds = new Set(result.parameters.seeds);
  const party = (address) => [addressLink(chain, address),
    seeds.has(address) ? h('span', { class: 'tag' }, 'seed') : endpoints.get(address)?.entity ? h('span', { class: 'tag' }, endpoints.get(address).entity.name) : null];
  return sortableTable([
    { key: 'txHash', label: 'Tx hash', type: 'text', cell: (f) => txHash(f.txHash) },
    { key: 'blockNumber', label: 'Block', type: 'number' },
    { key: 'timestamp', label: 'Time (UTC)', type: 'text', cell: (f) => time(f.timestamp) },
    { key: 'from', label: 'From', type: 'text', cell: (f) => party(f.from) },
    { key: 'to', label: 'To', type: 'text', cell: (f) => party(f.to) },
    { key: 'amount', label: 'Amount', type: 'amount', cell: (f) => format(f.amount) },
    { key: 'taintedAmount', label: 'Tainted', type: 'amount', cell: (f) => format(f.taintedAmount) },
    { key: 'hop', label: 'Hop', type: 'number' },
  ], result.flows, { id: 'flows-table' });
}

function endpointsView(result) {
  const chain = result.parameters.chain;
  if (result.endpoints.length === 0) return empty('No endpoint received taint.');
  return h('div', null, sortableTable([
    { key: 'entity', label: 'Entity', type: 'text', value: (e) => e.entity?.name ?? '', cell: (e) => (e.entity ? entityLink(e.entity) : '—') },
    { key: 'category', label: 'Category', type: 'text', cell: (e) => [h('span', { class: 'swatch inline', style: 'background:' + colour(e.category) }), ' ', categoryName(e.category)] },
    { key: 'address', label: 'Address', type: 'text', cell: (e) => addressLink(chain, e.address, { full: true }) },
    { key: 'via', label: 'How', type: 'text' },
    { key: 'taintedAmount', label: 'Tainted amount', type: 'amount', cell: (e) => format(e.taintedAmount), class: 'endpoint-amount' },
    { key: 'shareOfSeedFlow', label: 'Share', type: 'amount', cell: (e) => percent(e.shareOfSeedFlow) },
    { key: 'txs', label: 'Transactions', type: 'number', class: 'txs', value: (e) => e.txHashes.length, cell: (e) => e.txHashes.map((t, i) => [i ? h('br') : null, txHash(t)]) },
    { key: 'firstTime', label: 'First', type: 'text', cell: (e) => time(e.firstTime) },
    { key: 'lastTime', label: 'Last', type: 'text', cell: (e) => time(e.lastTime) },
  ], result.endpoints, { id: 'endpoints-table', sort: 'taintedAmount', descending: true }),
  result.holders.length ? h('div', null, h('h3', null, 'Still holding proceeds (wallets to watch)'), sortableTable([
    { key: 'address', label: 'Address', type: 'text', cell: (x) => addressLink(chain, x.address, { full: true }) },
    { key: 'taintedAmount', label: 'Tainted amount', type: 'amount', cell: (x) => format(x.taintedAmount) },
    { key: 'hop', label: 'Hop', type: 'number' },
  ], result.holders, { id: 'holders-table' })) : null);
}

function nodeDetails(sel, graph, chain, asset, details) {
  const title = sel.entity && !sel.address ? sel.entity.name : sel.address;
  const body = [];
  body.push(h('p', { class: 'eyebrow' }, sel.seed ? 'Seed' : categoryName(sel.category === 'holder' ? null : sel.category)));
  body.push(h('h3', { class: sel.address ? 'mono break' : '' }, title));
  if (sel.entity) body.push(h('p', null, entityLink(sel.entity), ' ', chip(categoryName(sel.entity.category), 'cat')));
  sel.labels.forEach((l) => body.push(chip(l, 'label')));
  body.push(facts([
    sel.received !== '0' ? ['Tainted received', `${format(sel.received)} ${asset}`] : null,
    sel.sent !== '0' ? ['Tainted sent', `${format(sel.sent)} ${asset}`] : null,
    sel.endpoint ? ['Endpoint', `${sel.endpoint.via}; ${percent(sel.endpoint.shareOfSeedFlow)} of the seeds' flow`] : null,
    sel.holder ? ['Still holds', `${format(sel.holder.taintedAmount)} ${asset} (hop ${sel.holder.hop})`] : null,
    sel.addresses.length > 1 ? ['Addresses', String(sel.addresses.length)] : null,
  ]));
  if (sel.addresses.length > 1) {
    body.push(h('ul', { class: 'plain small-list' }, sel.addresses.map((a) => h('li', null, addressLink(chain, a)))));
  }
  const actions = h('div', { class: 'actions vertical' });
  if (sel.entity) {
    actions.append(h('button', { type: 'button', class: 'secondary', onclick: () => graph.toggleEntity(sel.entity.id) },
      sel.expanded ? 'Collapse into one node' : `Expand into addresses`));
  }
  if (sel.address) {
    actions.append(h('button', {
      type: 'button', class: 'secondary', id: 'expand-next-hop', disabled: sel.nextHop,
      onclick: (event) => action(event.currentTarget, async () => {
        const answer = await get(`api/v1/addresses/${seg(chain)}/${seg(sel.address)}/counterparties?direction=out&asset=${seg(asset)}&limit=25`);
        graph.addNextHop(sel.address, answer.counterparties);
        replace(details, nodeDetails(graph.describeNode(graph.nodeId(sel.address)), graph, chain, asset, details));
      }),
    }, sel.nextHop ? 'Next hop shown' : 'Expand next hop'),
    h('a', { class: 'button secondary', href: `#/address/${seg(chain)}/${seg(sel.address)}` }, 'Open address page'),
    h('a', { class: 'button secondary', href: traceHref({ chain, seeds: [sel.address], asset }) }, 'New trace from here'));
  }
  body.push(actions);
  return h('div', null, body);
}

function edgeDetails(edge, chain, asset) {
  const evidence = h('div', { class: 'evidence' });
  const from = edge.flows?.[0]?.from ?? edge.rows?.[0]?.from;
  const to = edge.flows?.[0]?.to ?? edge.rows?.[0]?.address;
  return h('div', null,
    h('p', { class: 'eyebrow' }, edge.untraced ? 'Transfers (not traced)' : 'Tainted flows'),
    h('h3', null, shortAddress(from), ' → ', shortAddress(to)),
    facts([
      edge.untraced ? null : ['Tainted', `${format(edge.tainted)} ${asset}`],
      ['Amount', `${format(edge.amount)} ${asset}`],
      ['Transfers', String(edge.flows?.length ?? edge.rows.reduce((n, r) => n + r.transfers, 0))],
    ]),
    edge.flows ? h('ul', { class: 'plain small-list' }, edge.flows.map((f) => h('li', null, txHash(f.txHash),
      h('span', { class: 'muted' }, ` block ${f.blockNumber} · ${time(f.timestamp)} · hop ${f.hop}`), h('br'),
      `${format(f.taintedAmount)} of ${format(f.amount)} ${asset}`))) : null,
    edge.rows ? h('div', { class: 'actions vertical' }, edge.rows.map((r) => h('button', {
      type: 'button', class: 'secondary small',
      onclick: () => showTransfers(`api/v1/addresses/${seg(chain)}/${seg(r.from)}`, chain, { address: r.address, asset: r.asset, direction: 'out' }, evidence),
    }, `Transfers ${shortAddress(r.from)} → ${shortAddress(r.address)}`))) : null,
    evidence);
}

function saveToCase(request) {
  const select = h('select', { id: 'case-select', 'aria-label': 'Case' }, h('option', { value: '' }, 'New case…'));
  const title = h('input', { id: 'case-title', placeholder: 'Title of the new case', 'aria-label': 'Title of the new case', value: 'Trace of ' + request.seeds.map(shortAddress).join(', ') });
  get('api/v1/cases').then((cases) => {
    cases.forEach((c) => select.append(h('option', { value: c.id }, `${c.title} (${c.id})`)));
  }).catch(() => {});
  select.addEventListener('change', () => { title.hidden = select.value !== ''; });
  const button = h('button', {
    type: 'button', class: 'primary small', id: 'save-to-case',
    onclick: () => action(button, async () => {
      let caseId = select.value;
      if (!caseId) {
        const created = await post('api/v1/cases', { title: title.value.trim() || 'Untitled case' });
        caseId = created.id;
      }
      const saved = await post(`api/v1/cases/${seg(caseId)}/traces`, request);
      location.hash = `#/cases/${seg(caseId)}/traces/${seg(saved.id)}`;
    }),
  }, 'Save to case');
  return h('div', { class: 'save-case' }, h('span', { class: 'muted' }, 'Save this trace in '), select, title, button);
}

export async function savedTraceView(caseId, traceId) {
  const saved = await get(`api/v1/cases/${seg(caseId)}/traces/${seg(traceId)}`);
  return h('div', null,
    h('div', { class: 'page-head' }, h('div', null,
      h('p', { class: 'eyebrow' }, h('a', { href: '#/cases/' + seg(caseId) }, 'Case ' + caseId), ' · saved trace'),
      h('h1', null, `Trace ${saved.id}`),
      h('p', { class: 'muted' }, `Saved by ${saved.savedBy} at ${time(saved.savedAt)} · result SHA-256 `, h('span', { class: 'mono' }, saved.resultSha256), ' ',
        saved.intact ? chip('intact', 'ok') : chip('altered since it was saved', 'warn')))),
    traceResults(saved.result, { request: saved.query, saved: { caseId, id: saved.id } }));
}
