// An address's page: who it is (labels, entity), what it moved per asset, its counterparties with
// the transfers behind each, and its exposure.
import { get, seg } from './api.js';
import { h, panel, facts, chip, empty, replace, loading } from './dom.js';
import { format, percent, subtract } from './amount.js';
import { addressLink, entityLink, seedButton, traceHref, txHash } from './links.js';
import { categoryName, time } from './text.js';
import { sortableTable } from './table.js';
import { colour } from './categories.js';
import { notify } from './notice.js';

export async function addressView(chain, address) {
  const base = `api/v1/addresses/${seg(chain)}/${seg(address)}`;
  const view = await get(base);
  const usdt = view.totals.find((t) => t.asset === 'USDT');
  const mainAsset = usdt?.asset ?? view.totals.find((t) => t.contract)?.asset ?? view.totals[0]?.asset ?? 'USDT';

  const counterparties = h('div', null, loading('counterparties'));
  const exposure = h('div', null, loading('exposure'));
  loadCounterparties(base, chain, counterparties, mainAsset);
  get(`${base}/exposure?asset=${seg(mainAsset)}`).then((e) => replace(exposure, exposurePanel(chain, e)))
    .catch((e) => replace(exposure, empty('Exposure unavailable: ' + e.message)));

  return h('div', { class: 'address-page' },
    h('div', { class: 'page-head' },
      h('div', null,
        h('p', { class: 'eyebrow' }, chain + ' address'),
        h('h1', { class: 'mono break', id: 'address-title' }, view.address),
        h('p', null,
          view.entity ? [entityLink(view.entity), ' ', chip(categoryName(view.entity.category), 'cat'), ' ', chip('via ' + view.entity.via, 'muted')] : chip('unattributed', 'muted'),
          view.labels.map((l) => [' ', chip(l.label + (l.category ? ' · ' + categoryName(l.category) : ''), 'label')]))),
      h('div', { class: 'actions' },
        seedButton(chain, view.address),
        h('a', { class: 'button primary', href: traceHref({ chain, seeds: [view.address], asset: mainAsset }) }, 'Trace forward →'),
        h('a', { class: 'button secondary', href: traceHref({ chain, seeds: [view.address], asset: mainAsset, direction: 'backward' }) }, '← Trace backward'))),
    h('div', { class: 'grid2' },
      panel('Activity', facts([
        ['First seen', time(view.firstSeen) || '—'],
        ['Last seen', time(view.lastSeen) || '—'],
        view.labels.length ? ['Label sources', view.labels.map((l) => l.source).filter(Boolean).join(', ') || '—'] : null,
      ]), view.totals.length ? sortableTable([
        { key: 'asset', label: 'Asset', type: 'text' },
        { key: 'received', label: 'Received', type: 'amount', cell: (t) => format(t.received) },
        { key: 'sent', label: 'Sent', type: 'amount', cell: (t) => format(t.sent) },
        { key: 'balance', label: 'Balance', type: 'amount', value: (t) => subtract(t.received, t.sent), cell: (t) => format(subtract(t.received, t.sent)) },
        { key: 'transfersIn', label: 'In', type: 'number' },
        { key: 'transfersOut', label: 'Out', type: 'number' },
      ], view.totals, { id: 'totals' }) : empty('No transfers.')),
      panel('Exposure', exposure)),
    panel('Counterparties', counterparties));
}

async function loadCounterparties(base, chain, into, asset) {
  const select = h('select', { 'aria-label': 'Direction' },
    h('option', { value: 'both' }, 'Paid and paid by'), h('option', { value: 'out' }, 'Paid (out)'), h('option', { value: 'in' }, 'Paid by (in)'));
  const body = h('div');
  const evidence = h('div', { class: 'evidence' });
  async function load() {
    replace(body, loading('counterparties'));
    try {
      const answer = await get(`${base}/counterparties?direction=${select.value}&limit=200`);
      replace(body, answer.counterparties.length === 0 ? empty('No counterparties.') : sortableTable([
        { key: 'address', label: 'Counterparty', type: 'text', cell: (c) => addressLink(chain, c.address) },
        { key: 'who', label: 'Entity / labels', type: 'text', value: (c) => c.entity?.name ?? c.labels.join(', '), cell: (c) => c.entity ? [h('span', { class: 'swatch inline', style: 'background:' + colour(c.entity.category) }), ' ', entityLink(c.entity)] : c.labels.join(', ') },
        { key: 'direction', label: 'Dir.', type: 'text', cell: (c) => (c.direction === 'out' ? '→ out' : '← in') },
        { key: 'asset', label: 'Asset', type: 'text', value: (c) => c.asset.symbol, cell: (c) => c.asset.symbol },
        { key: 'amount', label: 'Amount', type: 'amount', cell: (c) => format(c.amount) },
        { key: 'transfers', label: 'Transfers', type: 'number' },
        { key: 'lastTime', label: 'Last', type: 'text', cell: (c) => time(c.lastTime) },
        { key: 'show', label: 'Evidence', type: 'text', value: () => '', cell: (c) => h('button', { type: 'button', class: 'link evidence-link', onclick: () => showTransfers(base, chain, c, evidence) }, 'transfers') },
      ], answer.counterparties, { id: 'counterparties' }), answer.truncated ? h('p', { class: 'muted' }, 'Only the largest are shown.') : null);
    } catch (e) {
      replace(body, empty('Counterparties unavailable: ' + e.message));
    }
  }
  select.addEventListener('change', load);
  replace(into, h('div', { class: 'toolbar' }, h('label', null, 'Show ', select)), body, evidence);
  await load();
}

/** The transfers behind one counterparty row: the evidence for that edge, page by page. */
export async function showTransfers(base, chain, row, into) {
  const list = h('tbody');
  const more = h('button', { type: 'button', class: 'secondary small', hidden: true }, 'More');
  let cursor = null;
  async function page() {
    const q = new URLSearchParams({ counterparty: row.address, asset: row.asset.symbol ?? row.asset, direction: row.direction, limit: '100' });
    if (cursor) q.set('after', cursor);
    try {
      const answer = await get(`${base}/transfers?${q}`);
      list.append(...answer.transfers.map((t) => h('tr', null,
        h('td', null, txHash(t.txHash)), h('td', { class: 'num' }, String(t.blockNumber)), h('td', null, time(t.timestamp)),
        h('td', null, addressLink(chain, t.from)), h('td', null, addressLink(chain, t.to)), h('td', { class: 'num' }, format(t.amount) + ' ' + t.asset))));
      cursor = answer.next;
      more.hidden = !cursor;
    } catch (e) {
      notify(e);
    }
  }
  more.addEventListener('click', page);
  replace(into, h('h3', null, 'Transfers with ', addressLink(chain, row.address, { full: true })),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data' }, h('thead', null, h('tr', null,
      ['Tx hash', 'Block', 'Time', 'From', 'To', 'Amount'].map((t, i) => h('th', { class: i === 1 || i === 5 ? 'num' : '' }, t)))), list)), more);
  into.scrollIntoView({ block: 'nearest' });
  await page();
}

function exposurePanel(chain, e) {
  return h('div', null,
    h('div', { class: 'score score-' + e.score.verdict },
      h('span', { class: 'score-value' }, String(e.score.value)), h('span', null, 'risk score · ' + e.score.verdict)),
    facts([
      ['Asset', e.asset.symbol],
      ['Received', format(e.received)],
      ['Sent', format(e.sent)],
      ['Snapshot', Object.entries(e.snapshot).map(([c, b]) => `${c} #${b}`).join(', ')],
    ]),
    h('h3', null, 'Direct counterparties by category'),
    e.direct.length ? sortableTable([
      { key: 'category', label: 'Category', type: 'text', cell: (d) => categoryName(d.category) },
      { key: 'received', label: 'Received from', type: 'amount', cell: (d) => format(d.received) },
      { key: 'sent', label: 'Sent to', type: 'amount', cell: (d) => format(d.sent) },
    ], e.direct) : empty('None.'),
    h('h3', null, `Sources of funds (backward, up to ${e.maxHops} hops)`),
    e.indirect.length ? h('ul', { class: 'plain' }, e.indirect.map((i) => h('li', null,
      h('span', { class: 'swatch inline', style: 'background:' + colour(i.category) }), ' ',
      h('strong', null, categoryName(i.category)), ` ${format(i.amount)} (${percent(i.share)}) from `,
      i.sources.map((s, n) => [n ? ', ' : '', s.entity ? h('a', { href: `#/address/${seg(chain)}/${seg(s.address)}`, title: s.address }, s.entity) : addressLink(chain, s.address)])))) : empty('None traced.'));
}
