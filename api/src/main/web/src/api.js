// Every request to the API goes through here. When the server answers 401, the user is asked for an
// API key once; it is kept in sessionStorage (this tab only, gone when it closes) and sent as
// `Authorization: Bearer`. The demo on loopback answers without a key, so there nobody is asked.

const KEY = 'chaintrail.apiKey';

/** An error answer (application/problem+json): what was wrong, and the field at fault if any. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || 'HTTP ' + status);
    this.status = status;
    this.title = problem.title || 'HTTP ' + status;
    this.field = problem.field ?? null;
  }
}

export function storedKey() {
  return sessionStorage.getItem(KEY);
}

export function forgetKey() {
  sessionStorage.removeItem(KEY);
}

let asking = null;

/** Asks for a key with the dialog in index.html; resolves to the key, or null if the user cancels. */
function askForKey(reason) {
  if (asking) return asking;
  const dialog = document.getElementById('key-dialog');
  const input = document.getElementById('key-input');
  document.getElementById('key-reason').textContent = reason;
  input.value = '';
  asking = new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      asking = null;
      const key = dialog.returnValue === 'ok' ? input.value.trim() : '';
      if (key) sessionStorage.setItem(KEY, key);
      resolve(key || null);
    }, { once: true });
  });
  dialog.showModal();
  return asking;
}

async function send(path, { method = 'GET', body, accept = 'application/json' } = {}) {
  for (;;) {
    const headers = { Accept: accept };
    const key = storedKey();
    if (key) headers.Authorization = 'Bearer ' + key;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
    if (response.status !== 401) return response;
    const problem = await problemOf(response);
    if (key) forgetKey();
    const entered = await askForKey(key
      ? 'The server refused the key: ' + problem.detail + ' Enter another one.'
      : 'This server needs an API key (' + problem.detail + '). It is kept for this browser tab only.');
    if (!entered) throw new ApiError(401, problem);
  }
}

async function problemOf(response) {
  const text = await response.text();
  try {
    const body = JSON.parse(text);
    if (body && typeof body === 'object') return body;
  } catch {
    // not JSON: fall through
  }
  return { title: 'HTTP ' + response.status, detail: text.slice(0, 300) || response.statusText };
}

async function checked(response) {
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  return response;
}

/** GET a JSON answer. Paths are relative ("api/v1/…") so the UI works behind a path prefix too. */
export async function get(path) {
  return (await checked(await send(path))).json();
}

/** POST a JSON body, answer as JSON. */
export async function post(path, body) {
  return (await checked(await send(path, { method: 'POST', body }))).json();
}

export async function del(path) {
  const response = await checked(await send(path, { method: 'DELETE' }));
  return response.status === 204 ? null : response.json();
}

/**
 * Fetches an export with the key and saves it under the server's file name
 * (Content-Disposition), or `fallbackName`.
 */
export async function download(path, fallbackName, { method = 'GET', body } = {}) {
  const response = await checked(await send(path, { method, body, accept: '*/*' }));
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

/**
 * Opens an HTML answer (the printable case report) in a new tab. The tab is opened at the click, before
 * the request, so that the browser does not take it for a pop-up.
 */
export async function openHtml(path) {
  const tab = window.open('', '_blank');
  try {
    const response = await checked(await send(path, { accept: 'text/html' }));
    const url = URL.createObjectURL(new Blob([await response.arrayBuffer()], { type: 'text/html' }));
    if (tab) tab.location.href = url;
    else window.location.href = url;
  } catch (e) {
    tab?.close();
    throw e;
  }
}

/** A path segment, escaped. */
export function seg(value) {
  return encodeURIComponent(value);
}
