// Cases: the list, a new case, and a case's page with its saved traces (and their exports), the
// addresses under investigation, notes, the watchlist and its alerts, the STIX bundle and the
// printable report.
import { get, post, del, seg, download, openHtml } from './api.js';
import { h, panel, empty, replace, chip } from './dom.js';
import { format } from './amount.js';
import { addressLink, entityLink, traceHref, txHash } from './links.js';
import { categoryName, time } from './text.js';
import { sortableTable } from './table.js';
import { action, notify } from './notice.js';

export async function casesView() {
  const cases = await get('api/v1/cases');
  const title = h('input', { name: 'title', required: true, maxlength: 200, placeholder: 'e.g. Pig-butchering victim report 2024-117', id: 'new-case-title' });
  const description = h('textarea', { name: 'description', rows: 2, maxlength: 20000, placeholder: 'What the case is about (optional)' });
  const form = h('form', { class: 'panel', id: 'new-case' },
    h('h2', null, 'Open a case'),
    h('label', { class: 'field' }, h('span', null, 'Title'), title),
    h('label', { class: 'field' }, h('span', null, 'Description'), description),
    h('div', { class: 'actions' }, h('button', { class: 'primary' }, 'Open case')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    action(form.querySelector('button'), async () => {
      const created = await post('api/v1/cases', { title: title.value.trim(), description: description.value.trim() || null });
      location.hash = '#/cases/' + seg(created.id);
    });
  });
  return h('div', null,
    h('h1', { class: 'page-title' }, 'Cases'),
    h('div', { class: 'grid2 wide-left' },
      panel('Cases you can see', cases.length ? sortableTable([
        { key: 'id', label: 'Id', type: 'text', cell: (c) => h('a', { href: '#/cases/' + seg(c.id) }, c.id) },
        { key: 'title', label: 'Title', type: 'text', cell: (c) => h('a', { href: '#/cases/' + seg(c.id) }, c.title) },
        { key: 'createdBy', label: 'Opened by', type: 'text' },
        { key: 'createdAt', label: 'Opened', type: 'text', cell: (c) => time(c.createdAt) },
        { key: 'members', label: 'Members', type: 'number', value: (c) => c.members.length },
      ], cases, { id: 'cases-table' }) : empty('No case yet. Open one here, or save a trace to a new case from its results.')),
      form));
}

export async function caseView(id) {
  const base = 'api/v1/cases/' + seg(id);
  const c = await get(base);
  const watchBox = h('div', null);
  const alertBox = h('div', null);
  const refresh = () => window.dispatchEvent(new HashChangeEvent('hashchange'));

  const exportButton = (label, path, name, id, cls = 'secondary small') => h('button', {
    type: 'button', class: cls, id,
    onclick: (event) => action(event.currentTarget, () => download(path, name)),
  }, label);

  const traces = c.traces.length ? sortableTable([
    { key: 'id', label: 'Trace', type: 'text', cell: (t) => h('a', { href: `#/cases/${seg(id)}/traces/${seg(t.id)}` }, t.id) },
    { key: 'savedAt', label: 'Saved', type: 'text', cell: (t) => [time(t.savedAt), h('br'), h('small', { class: 'muted' }, 'by ' + t.savedBy)] },
    { key: 'what', label: 'Trace', type: 'text', value: (t) => t.parameters.direction + t.parameters.model, cell: (t) => `${t.parameters.direction}, ${t.parameters.model}, ${t.parameters.maxHops} hops, ${t.parameters.seeds.length} seed(s)` },
    { key: 'seedFlow', label: 'Seed flow', type: 'amount', value: (t) => t.summary.seedFlow, cell: (t) => format(t.summary.seedFlow) + ' ' + (t.parameters.asset.symbol ?? '') },
    { key: 'toEndpoints', label: 'To endpoints', type: 'amount', value: (t) => t.summary.taintedToEndpoints, cell: (t) => format(t.summary.taintedToEndpoints) },
    { key: 'sha', label: 'Result SHA-256', type: 'text', value: (t) => t.resultSha256, cell: (t) => h('span', { class: 'mono', title: t.resultSha256 }, t.resultSha256.slice(0, 12) + '…') },
    {
      key: 'export', label: 'Export', type: 'text', value: () => '', cell: (t) => h('div', { class: 'button-row' },
        ['csv', 'json', 'graphml'].map((f) => exportButton(f.toUpperCase(), `${base}/traces/${seg(t.id)}/export?format=${f}`, `${id}-${t.id}.${f}`, `export-${t.id}-${f}`))),
    },
  ], c.traces, { id: 'case-traces' }) : empty('No saved trace. Run a trace and use “Save to case”.');

  const addressForm = smallForm('case-address-form', 'Add an address under investigation', [
    ['chain', 'Chain', 'ethereum'], ['address', 'Address', ''], ['note', 'Note (optional)', ''],
  ], async (v) => {
    await post(`${base}/addresses`, { chain: v.chain, address: v.address, note: v.note || null });
    refresh();
  });
  const noteText = h('textarea', { name: 'text', rows: 3, required: true, maxlength: 20000, placeholder: 'What you found, what to request from whom…', id: 'note-text' });
  const noteForm = h('form', { class: 'inline-form' }, noteText, h('button', { class: 'primary small', id: 'add-note' }, 'Add note'));
  noteForm.addEventListener('submit', (event) => {
    event.preventDefault();
    action(noteForm.querySelector('button'), async () => {
      await post(`${base}/notes`, { text: noteText.value });
      refresh();
    });
  });

  loadWatchlist(base, watchBox);
  loadAlerts(base, alertBox);

  return h('div', { class: 'case-page' },
    h('div', { class: 'page-head' },
      h('div', null,
        h('p', { class: 'eyebrow' }, 'Case ' + c.id),
        h('h1', null, c.title),
        c.description ? h('p', { class: 'lede' }, c.description) : null,
        h('p', { class: 'muted' }, `Opened by ${c.createdBy} at ${time(c.createdAt)}`,
          c.members.length ? ' · members: ' + c.members.map((m) => m.name).join(', ') : '')),
      h('div', { class: 'actions' },
        h('button', {
          type: 'button', class: 'primary', id: 'open-report',
          onclick: (event) => action(event.currentTarget, () => openHtml(`${base}/report`)),
        }, 'Printable report'),
        exportButton('STIX 2.1 bundle', `${base}/stix`, `${id}.stix.json`, 'export-stix', 'secondary'),
        c.addresses.length ? h('a', { class: 'button secondary', href: traceHref({ chain: c.addresses[0].chain, seeds: c.addresses.filter((a) => a.chain === c.addresses[0].chain).map((a) => a.address) }) }, 'Trace the case’s addresses →') : null)),
    panel('Saved traces', traces),
    h('div', { class: 'grid2' },
      panel('Addresses under investigation',
        c.addresses.length ? h('ul', { class: 'plain' }, c.addresses.map((a) => h('li', null, addressLink(a.chain, a.address, { full: true }),
          h('span', { class: 'muted' }, ` ${a.chain}${a.note ? ' · ' + a.note : ''} · added by ${a.addedBy}`)))) : empty('None yet.'),
        addressForm),
      panel('Notes',
        c.notes.length ? h('ol', { class: 'notes' }, c.notes.map((n) => h('li', null, h('p', { class: 'note-text' }, n.text),
          h('small', { class: 'muted' }, `${n.addedBy} · ${time(n.addedAt)}`)))) : empty('No notes yet.'),
        noteForm)),
    h('div', { class: 'grid2' }, panel('Watchlist', watchBox), panel('Alerts', alertBox)));
}

/** A form of text inputs in a row; `submit` gets {name: value}. */
function smallForm(id, title, fields, submit) {
  const inputs = fields.map(([name, label, value]) => h('input', { name, value, placeholder: label, 'aria-label': label, required: !label.includes('optional'), spellcheck: 'false' }));
  const form = h('form', { class: 'inline-form', id }, h('span', { class: 'muted' }, title), inputs, h('button', { class: 'secondary small' }, 'Add'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = Object.fromEntries(inputs.map((i) => [i.name, i.value.trim()]));
    action(form.querySelector('button'), () => submit(values));
  });
  return form;
}

async function loadWatchlist(base, into) {
  try {
    const list = await get(`${base}/watchlist`);
    const form = smallForm('watch-form', 'Watch an address', [['chain', 'Chain', 'ethereum'], ['address', 'Address', ''], ['asset', 'Asset', 'USDT']], async (v) => {
      await post(`${base}/watchlist`, { chain: v.chain, address: v.address, asset: v.asset });
      loadWatchlist(base, into);
    });
    replace(into,
      h('p', { class: 'muted' }, 'After each ingest, the server checks whether funds from a watched address reached an exchange or another terminal, and raises an alert.'),
      list.watches.length ? sortableTable([
        { key: 'address', label: 'Address', type: 'text', cell: (w) => addressLink(w.chain, w.address) },
        { key: 'asset', label: 'Asset', type: 'text' },
        { key: 'model', label: 'Model', type: 'text', cell: (w) => `${w.model}, ${w.maxHops} hops` },
        { key: 'sinceBlock', label: 'From block', type: 'number' },
        { key: 'checkedThrough', label: 'Checked to', type: 'number', cell: (w) => (w.checkedThrough === null ? '—' : String(w.checkedThrough)) },
        {
          key: 'remove', label: '', type: 'text', value: () => '', cell: (w) => h('button', {
            type: 'button', class: 'link danger',
            onclick: (event) => action(event.currentTarget, async () => {
              await del(`${base}/watchlist/${seg(w.id)}`);
              loadWatchlist(base, into);
            }),
          }, 'Remove'),
        },
      ], list.watches, { id: 'watchlist' }) : empty('Nothing watched.'),
      form);
  } catch (e) {
    replace(into, empty('Watchlist unavailable: ' + e.message));
  }
}

async function loadAlerts(base, into) {
  try {
    const answer = await get(`${base}/alerts`);
    replace(into, alertTable(answer.alerts));
  } catch (e) {
    replace(into, empty('Alerts unavailable: ' + e.message));
  }
}

function alertTable(rows) {
  if (rows.length === 0) return empty('No alerts.');
  return sortableTable([
    { key: 'raisedAt', label: 'Raised', type: 'text', value: (r) => r.alert.raisedAt, cell: (r) => time(r.alert.raisedAt) },
    { key: 'case', label: 'Case', type: 'text', value: (r) => r.alert.caseId, cell: (r) => h('a', { href: '#/cases/' + seg(r.alert.caseId) }, r.alert.caseId) },
    { key: 'watched', label: 'Watched', type: 'text', value: (r) => r.alert.watched, cell: (r) => addressLink(r.alert.chain, r.alert.watched) },
    { key: 'terminal', label: 'Reached', type: 'text', value: (r) => r.alert.entity?.name ?? r.alert.terminal, cell: (r) => [r.alert.entity ? entityLink(r.alert.entity) : addressLink(r.alert.chain, r.alert.terminal), ' ', chip(categoryName(r.alert.category), 'cat')] },
    { key: 'amount', label: 'Amount', type: 'amount', value: (r) => r.alert.amount, cell: (r) => `${format(r.alert.amount)} ${r.alert.asset}` },
    { key: 'tx', label: 'Tx', type: 'text', value: (r) => r.alert.txHash, cell: (r) => [txHash(r.alert.txHash), h('small', { class: 'muted' }, ` #${r.alert.blockNumber}, ${r.alert.hops} hop(s)`)] },
    { key: 'delivery', label: 'Webhook', type: 'text', value: (r) => r.delivery?.deliveredAt ?? '', cell: (r) => (r.delivery ? (r.delivery.deliveredAt ? 'delivered' : `${r.delivery.attempts} attempt(s)${r.delivery.lastError ? ': ' + r.delivery.lastError : ''}`) : '—') },
  ], rows, { sort: 'raisedAt', descending: true });
}

export async function alertsView(q) {
  const since = q.get('since') ?? '';
  const answer = await get('api/v1/alerts' + (since ? '?since=' + seg(since) : ''));
  const input = h('input', { name: 'since', value: since, placeholder: '2024-10-27 or 2024-10-27T12:00:00Z', 'aria-label': 'Since' });
  const form = h('form', { class: 'inline-form' }, h('span', { class: 'muted' }, 'Raised since'), input, h('button', { class: 'secondary small' }, 'Show'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = '#/alerts' + (input.value.trim() ? '?since=' + encodeURIComponent(input.value.trim()) : '');
  });
  return h('div', null, h('h1', { class: 'page-title' }, 'Alerts'),
    panel('Alerts of the cases you can see', form, alertTable(answer.alerts)));
}

