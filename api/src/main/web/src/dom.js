// Element building without innerHTML: every text from the API (labels come from third-party tag
// packs) becomes a text node, never markup.

/**
 * h('div', {class: 'x', onclick: fn}, 'text', child, [more]) -> HTMLElement.
 * Attributes: `class`, `on<event>` handlers, `dataset` (an object), boolean true/false, else set as is.
 */
export function h(tag, attrs, ...children) {
  const el = tag.startsWith('svg:')
    ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4))
    : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (key === 'class' && !(el instanceof SVGElement)) {
      el.className = value;
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A section with a heading and a body. */
export function panel(title, ...body) {
  return h('section', { class: 'panel' }, h('h2', null, title), ...body);
}

/** A definition list from [term, value] pairs (values may be nodes). */
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(Boolean).flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
}

/** A small pill. */
export function chip(text, cls = '') {
  return h('span', { class: 'chip ' + cls }, text);
}

/** A loading placeholder. */
export function loading(what) {
  return h('p', { class: 'loading', role: 'status' }, 'Loading ' + what + '…');
}

/** A message for an empty list. */
export function empty(text) {
  return h('p', { class: 'empty' }, text);
}
