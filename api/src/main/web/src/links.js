// Links between the UI's pages (hash routes, so the server serves one page) and the seed basket.
import { h } from './dom.js';
import { shortAddress, shortHash } from './text.js';

export function addressHref(chain, address) {
  return `#/address/${encodeURIComponent(chain)}/${encodeURIComponent(address)}`;
}

/** An address as a link to its page; the full address is its title, and in the text when `full`. */
export function addressLink(chain, address, { full = false, text } = {}) {
  return h('a', { class: 'mono addr', href: addressHref(chain, address), title: address },
    text ?? (full ? address : shortAddress(address)));
}

export function entityLink(entity) {
  return h('a', { href: '#/entity/' + encodeURIComponent(entity.id), title: entity.id }, entity.name);
}

/** A transaction hash, whole on hover and selectable. */
export function txHash(hash) {
  return h('span', { class: 'mono tx', title: hash }, shortHash(hash));
}

/** #/trace with its parameters in the query, so a trace can be bookmarked and shared. */
export function traceHref(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    q.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  return '#/trace?' + q.toString();
}

// The seed basket: addresses collected from search results and address pages for the next trace.
const BASKET = 'chaintrail.seeds';

export function seeds() {
  try {
    return JSON.parse(sessionStorage.getItem(BASKET) ?? '[]');
  } catch {
    return [];
  }
}

export function setSeeds(list) {
  sessionStorage.setItem(BASKET, JSON.stringify(list));
  window.dispatchEvent(new Event('seedschange'));
}

export function addSeed(chain, address) {
  const list = seeds().filter((s) => !(s.chain === chain && s.address === address));
  list.push({ chain, address });
  setSeeds(list);
}

export function hasSeed(chain, address) {
  return seeds().some((s) => s.chain === chain && s.address === address);
}

/** A button that puts an address in the seed basket. */
export function seedButton(chain, address) {
  const button = h('button', {
    type: 'button',
    class: 'secondary small add-seed',
    title: 'Add ' + address + ' to the seeds of the next trace',
    onclick: () => {
      addSeed(chain, address);
      sync();
    },
  });
  function sync() {
    const added = hasSeed(chain, address);
    button.textContent = added ? '✓ In trace seeds' : '+ Add to trace';
    button.disabled = added;
  }
  sync();
  return button;
}
