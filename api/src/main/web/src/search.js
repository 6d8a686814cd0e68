// The home page (search, the seed basket, recent cases) and the search results.
import { get, seg } from './api.js';
import { h, panel, chip, empty } from './dom.js';
import { addressLink, entityLink, seedButton, seeds, setSeeds, traceHref } from './links.js';
import { categoryName, shortAddress } from './text.js';
import { colour } from './categories.js';

function searchForm(value = '') {
  const input = h('input', {
    type: 'search', name: 'q', value, required: true, autocomplete: 'off', spellcheck: 'false', id: 'home-search',
    placeholder: 'e.g. 0x8988c3f9…, Kestrel, Harbor Exchange', 'aria-label': 'Address, entity or label',
  });
  return h('form', {
    class: 'bigsearch', role: 'search',
    onsubmit: (event) => {
      event.preventDefault();
      const q = input.value.trim();
      if (q) location.hash = '#/search?q=' + encodeURIComponent(q);
    },
  }, input, h('button', { class: 'primary' }, 'Search'));
}

/** The seed basket: what the next trace starts from. */
export function basketPanel() {
  const list = seeds();
  if (list.length === 0) return null;
  const chain = list[0].chain;
  return panel('Trace seeds (' + list.length + ')',
    h('ul', { class: 'basket' }, list.map((s) => h('li', null, addressLink(s.chain, s.address, { full: true }),
      h('span', { class: 'muted' }, ' ' + s.chain + ' '),
      h('button', {
        type: 'button', class: 'link', title: 'Remove from the seeds',
        onclick: () => {
          setSeeds(seeds().filter((x) => !(x.chain === s.chain && x.address === s.address)));
          window.dispatchEvent(new HashChangeEvent('hashchange'));
        },
      }, 'remove')))),
    h('div', { class: 'actions' },
      h('a', { class: 'button primary', href: traceHref({ chain, seeds: list.filter((s) => s.chain === chain).map((s) => s.address) }) },
        'Trace these addresses →'),
      h('button', {
        type: 'button', class: 'secondary',
        onclick: () => {
          setSeeds([]);
          window.dispatchEvent(new HashChangeEvent('hashchange'));
        },
      }, 'Clear')));
}

export async function homeView() {
  const cases = await get('api/v1/cases').catch(() => null);
  return h('div', { class: 'home' },
    h('section', { class: 'hero' },
      h('h1', null, 'Follow the money from scam wallets to the services that know who cashed out'),
      h('p', { class: 'lede' }, 'Search an address, an entity or a label. Add the scam wallets to a trace, run it, and read where the proceeds went: as a graph, as a flow diagram and transaction by transaction.'),
      searchForm(),
      h('ol', { class: 'steps' },
        h('li', null, h('strong', null, 'Search'), ' an address, entity or label and open it.'),
        h('li', null, h('strong', null, '+ Add to trace'), ' each wallet under investigation, then ', h('strong', null, 'Trace'), '.'),
        h('li', null, 'Read the graph, the flow diagram and the flows; ', h('strong', null, 'save the trace to a case'), ' and export it.'))),
    basketPanel(),
    cases && cases.length ? panel('Recent cases', h('ul', { class: 'plain' }, cases.slice(-5).reverse().map((c) => h('li', null,
      h('a', { href: '#/cases/' + encodeURIComponent(c.id) }, c.title), h('span', { class: 'muted' }, ` · ${c.id} · opened by ${c.createdBy}`))))) : null);
}

export async function searchView(q) {
  document.getElementById('search-input').value = q;
  const answer = await get('api/v1/search?q=' + seg(q));
  const entities = answer.results.filter((r) => r.kind === 'entity');
  const addresses = answer.results.filter((r) => r.kind === 'address');
  return h('div', null,
    searchForm(q),
    h('h1', { class: 'page-title' }, `Results for “${answer.query}”`),
    answer.results.length === 0 ? empty('Nothing matches. Try a full address, an entity name, a label, or at least 6 characters of an address.') : null,
    entities.length ? panel('Entities', h('ul', { class: 'results' }, entities.map((e) => h('li', { class: 'result' },
      h('span', { class: 'swatch', style: 'background:' + colour(e.category) }),
      h('div', null, h('div', { class: 'result-title' }, entityLink(e)),
        h('div', { class: 'muted' }, `${categoryName(e.category)} · ${e.addresses} address${e.addresses === 1 ? '' : 'es'} · ${e.chain}`)))))) : null,
    addresses.length ? panel('Addresses', h('ul', { class: 'results' }, addresses.map((a) => h('li', { class: 'result' },
      h('span', { class: 'swatch', style: 'background:' + colour(a.entity?.category ?? 'unattributed') }),
      h('div', { class: 'grow' },
        h('div', { class: 'result-title' }, addressLink(a.chain, a.address, { full: true })),
        h('div', { class: 'muted' }, a.chain,
          a.entity ? [' · ', entityLink(a.entity), ' (' + categoryName(a.entity.category) + ')'] : ' · unattributed',
          a.labels.map((l) => [' ', chip(l)]))),
      h('div', { class: 'result-actions' }, seedButton(a.chain, a.address),
        h('a', { class: 'button secondary small', href: traceHref({ chain: a.chain, seeds: [a.address] }), title: 'Trace forward from ' + shortAddress(a.address) }, 'Trace →')))))) : null,
    answer.truncated ? h('p', { class: 'muted' }, 'More matched than are shown: refine the search.') : null,
    basketPanel());
}
