// How errors reach the user: a failed page shows the server's problem detail in place of the page; a
// failed action (a button) shows it in a bar above the page. The detail names what was wrong.
import { ApiError } from './api.js';
import { h, replace } from './dom.js';

/** What a failed page shows: the server's problem detail, which names what was wrong. */
export function failure(e) {
  const status = e instanceof ApiError ? `${e.status} ${e.title}` : 'Error';
  return h('section', { class: 'panel failure', role: 'alert' }, h('h1', null, status), h('p', null, e.message),
    h('p', null, h('a', { href: '#/' }, 'Back to search')));
}

/** Shows an error from an action (a button), above the page. */
export function notify(e) {
  const box = document.getElementById('notice');
  const text = e instanceof ApiError ? `${e.status} ${e.title}: ${e.message}` : e.message ?? String(e);
  replace(box, h('span', null, text), h('button', { type: 'button', class: 'link', onclick: hideNotice, 'aria-label': 'Dismiss' }, '×'));
  box.hidden = false;
}

export function hideNotice() {
  document.getElementById('notice').hidden = true;
}


/** Runs a button's action: the button is disabled meanwhile, and a failure is shown, not swallowed. */
export async function action(button, run) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    hideNotice();
    return await run();
  } catch (e) {
    notify(e);
    return undefined;
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}
