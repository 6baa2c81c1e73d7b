// The dashboard's only way to the server: the public REST API, with the signed-in user's token.
//
// The token is kept in sessionStorage: it survives a reload of the tab, but not the tab's closing, it is not shared
// with other tabs or sites, and it is never sent on its own (no cookie, so no cross-site request can use it). The page's
// Content-Security-Policy admits no inline or foreign script, which is what could otherwise read it.

const TOKEN = 'bunting.token';
const listeners = new Set();

export function token() {
  return sessionStorage.getItem(TOKEN);
}

export function onSignedOut(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function forget() {
  sessionStorage.removeItem(TOKEN);
  listeners.forEach((listener) => listener());
}

/** A refusal from the API: its status and its problem+json body. */
export class Problem extends Error {
  constructor(status, body) {
    super(describe(status, body));
    this.status = status;
    this.body = body || {};
  }
}

function describe(status, body) {
  if (!body) return `The server answered ${status}.`;
  const fields = (body.errors || []).map((e) => `${e.field}: ${e.message}`).join('; ');
  return [body.detail || body.title || `The server answered ${status}.`, fields].filter(Boolean).join(' ');
}

/** Calls the API; a 401 on a signed-in call ends the session. Answers the parsed body, or null for none. */
export async function call(method, path, body, headers = {}) {
  const sent = { ...headers };
  const signed = token();
  if (signed) sent.Authorization = `Bearer ${signed}`;
  if (body !== undefined) sent['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers: sent, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : null;
  if (response.status === 401 && signed) forget();
  if (!response.ok) throw new Problem(response.status, parsed);
  return parsed;
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body);
export const put = (path, body, headers) => call('PUT', path, body, headers);
export const patch = (path, body) => call('PATCH', path, body);
export const del = (path) => call('DELETE', path);

export async function signIn(email, password) {
  const answer = await post('/auth/login', { email, password });
  sessionStorage.setItem(TOKEN, answer.access_token);
}

export async function signOut() {
  try {
    await post('/auth/logout');
  } finally {
    forget();
  }
}

/** Path segments are encoded; keys are plain, but a person may type anything into a search. */
export const q = (value) => encodeURIComponent(value);
