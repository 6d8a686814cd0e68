// An entity's page: what it is, how its addresses were attributed, what it moved and with whom.
import { get, seg } from './api.js';
import { h, panel, facts, chip, empty } from './dom.js';
import { format } from './amount.js';
import { addressLink, entityLink, txHash } from './links.js';
import { categoryName } from './text.js';
import { sortableTable } from './table.js';
import { colour } from './categories.js';

export async function entityView(id) {
  const e = await get('api/v1/entities/' + seg(id));
  return h('div', null,
    h('div', { class: 'page-head' }, h('div', null,
      h('p', { class: 'eyebrow' }, 'Entity'),
      h('h1', null, h('span', { class: 'swatch big', style: 'background:' + colour(e.category) }), e.name),
      h('p', null, chip(categoryName(e.category), 'cat'), ' ', chip(e.kind, 'muted'), ' ', chip('confidence: ' + e.confidence, 'muted'),
        e.conflict ? [' ', chip('conflicting labels', 'warn')] : null))),
    h('div', { class: 'grid2' },
      panel('Attribution', facts([
        ['Id', h('span', { class: 'mono' }, e.id)],
        ['Addresses', String(e.members)],
        ...Object.entries(e.membersByVia ?? {}).map(([via, n]) => ['  via ' + via, String(n)]),
        e.owners?.length ? ['Owners', e.owners.join(', ')] : null,
      ])),
      panel('Labels', e.labels.length ? h('ul', { class: 'plain' }, e.labels.map((l) => h('li', null,
        addressLink(l.chain, l.address), ' ', chip(l.label.label, 'label'), h('span', { class: 'muted' }, ' ' + (l.label.source ?? ''))))) : empty('No labels.'))),
    panel('Flows per asset', e.flows.length ? sortableTable([
      { key: 'chain', label: 'Chain', type: 'text' },
      { key: 'asset', label: 'Asset', type: 'text' },
      { key: 'received', label: 'Received', type: 'amount', cell: (f) => format(f.received) },
      { key: 'sent', label: 'Sent', type: 'amount', cell: (f) => format(f.sent) },
      { key: 'transactionsIn', label: 'Tx in', type: 'number' },
      { key: 'transactionsOut', label: 'Tx out', type: 'number' },
    ], e.flows) : empty('No flows.')),
    panel('Largest counterparties', e.counterparties.length ? sortableTable([
      { key: 'address', label: 'Counterparty', type: 'text', cell: (c) => addressLink(c.chain, c.address) },
      { key: 'entity', label: 'Entity', type: 'text', value: (c) => c.entity?.name ?? '', cell: (c) => (c.entity ? entityLink(c.entity) : '—') },
      { key: 'asset', label: 'Asset', type: 'text' },
      { key: 'received', label: 'Received from', type: 'amount', cell: (c) => format(c.received) },
      { key: 'sent', label: 'Sent to', type: 'amount', cell: (c) => format(c.sent) },
      { key: 'evidence', label: 'Evidence', type: 'text', value: (c) => c.evidence[0] ?? '', cell: (c) => c.evidence.slice(0, 3).map((t) => [txHash(t), ' ']) },
    ], e.counterparties) : empty('None.')));
}
