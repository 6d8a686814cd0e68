// The UI's entry: the hash router, the search box, the status line and error notices.
import './app.css';
import { get, storedKey, forgetKey } from './api.js';
import { failure, notify, hideNotice } from './notice.js';
import { h, replace } from './dom.js';
import { seeds } from './links.js';
import { homeView, searchView } from './search.js';
import { addressView } from './address.js';
import { entityView } from './entity.js';
import { traceView, savedTraceView } from './trace.js';
import { casesView, caseView, alertsView } from './cases.js';

const view = document.getElementById('view');

/** Routes: pattern over the hash path, and the view that renders into the main element. */
const ROUTES = [
  [/^\/?$/, () => homeView(), 'home'],
  [/^\/search$/, (m, q) => searchView(q.get('q') ?? ''), 'home'],
  [/^\/address\/([^/]+)\/([^/]+)$/, (m, q) => addressView(decodeURIComponent(m[1]), decodeURIComponent(m[2]), q), 'home'],
  [/^\/entity\/([^/]+)$/, (m) => entityView(decodeURIComponent(m[1])), 'home'],
  [/^\/trace$/, (m, q) => traceView(q), 'trace'],
  [/^\/cases$/, () => casesView(), 'cases'],
  [/^\/cases\/([^/]+)$/, (m) => caseView(decodeURIComponent(m[1])), 'cases'],
  [/^\/cases\/([^/]+)\/traces\/([^/]+)$/, (m) => savedTraceView(decodeURIComponent(m[1]), decodeURIComponent(m[2])), 'cases'],
  [/^\/alerts$/, (m, q) => alertsView(q), 'alerts'],
];

let generation = 0;

async function route() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, query] = hash.split('?');
  const params = new URLSearchParams(query ?? '');
  const mine = ++generation;
  hideNotice();
  for (const [pattern, render, nav] of ROUTES) {
    const m = pattern.exec(path);
    if (!m) continue;
    document.querySelectorAll('[data-nav]').forEach((a) => a.classList.toggle('active', a.dataset.nav === nav));
    replace(view, h('p', { class: 'loading', role: 'status' }, 'Loading…'));
    try {
      const node = await render(m, params);
      if (mine === generation) {
        replace(view, node);
        view.focus({ preventScroll: true });
        window.scrollTo(0, 0);
      }
    } catch (e) {
      if (mine === generation) replace(view, failure(e));
    }
    return;
  }
  replace(view, h('section', { class: 'panel' }, h('h1', null, 'No such page'), h('p', null, h('a', { href: '#/' }, 'Back to search'))));
}

document.getElementById('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const q = document.getElementById('search-input').value.trim();
  if (q) location.hash = '#/search?q=' + encodeURIComponent(q);
});

function updateSeedCount() {
  const n = seeds().length;
  document.querySelector('[data-nav="trace"]').textContent = n ? `Trace (${n})` : 'Trace';
}

async function status() {
  const el = document.getElementById('status');
  try {
    const health = await get('api/v1/health');
    const blocks = Object.entries(health.lastBlocks ?? {}).map(([chain, block]) => `${chain} #${block}`).join(' · ');
    replace(el, h('span', { class: 'dot ok', 'aria-hidden': 'true' }), h('span', { title: health.graph }, blocks || 'empty graph'),
      storedKey() ? h('button', { type: 'button', class: 'link', onclick: () => { forgetKey(); location.reload(); } }, 'Forget key') : null);
  } catch (e) {
    replace(el, h('span', { class: 'dot bad', 'aria-hidden': 'true' }), 'API unavailable: ' + e.message);
  }
}

window.addEventListener('hashchange', route);
window.addEventListener('seedschange', updateSeedCount);
window.addEventListener('error', (e) => notify(e.error ?? e.message));
window.addEventListener('unhandledrejection', (e) => notify(e.reason));
updateSeedCount();
status();
route();
