// Talking to the service: the bearer token (kept in sessionStorage, so it dies with the tab),
// JSON calls, file downloads and Server-Sent Events read with fetch() so the Authorization
// header is sent (EventSource cannot send it).

const TOKEN_KEY = 'equilibrium.token';
const USER_KEY = 'equilibrium.user';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function currentUser() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const user = sessionStorage.getItem(USER_KEY);
  if (!token || !user) return null;
  try {
    return { token, ...JSON.parse(user) };
  } catch {
    return null;
  }
}

export function homeFor(roles) {
  return roles.includes('PATIENT') ? 'patient.html' : 'ward.html';
}

/** Signs in; stores the token and who it belongs to. Throws ApiError with a readable message. */
export async function signIn(username, password) {
  const res = await fetch('/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status === 401 || res.status === 400) throw new ApiError(res.status, 'Wrong username or password.');
  if (res.status === 429) {
    const wait = res.headers.get('Retry-After');
    throw new ApiError(429, `Too many attempts. Try again in ${wait ? Math.ceil(wait / 60) + ' min' : 'a while'}.`);
  }
  if (!res.ok) throw new ApiError(res.status, `Sign-in failed (${res.status}).`);
  const body = await res.json();
  sessionStorage.setItem(TOKEN_KEY, body.access_token);
  const me = await api('GET', '/api/me');
  sessionStorage.setItem(USER_KEY, JSON.stringify({
    id: me.id, username: me.username, displayName: me.displayName || me.username, roles: body.roles || [me.role],
  }));
  return currentUser();
}

export function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(USER_KEY);
  location.assign('index.html');
}

/** The signed-in user, or a redirect to the sign-in page when there is none or the role does not fit. */
export function requireUser(allowedRoles) {
  const user = currentUser();
  if (!user) {
    location.replace('index.html');
    throw new Error('not signed in');
  }
  if (allowedRoles && !user.roles.some(r => allowedRoles.includes(r))) {
    location.replace(homeFor(user.roles));
    throw new Error('wrong page for this role');
  }
  return user;
}

function authHeaders(extra = {}) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? { ...extra, Authorization: `Bearer ${token}` } : extra;
}

async function errorMessage(res) {
  try {
    const body = await res.json();
    if (body && typeof body.error === 'string') return body.message ? `${body.error}: ${body.message}` : body.error;
    if (body && typeof body.message === 'string') return body.message;
  } catch { /* not JSON */ }
  return `${res.status} ${res.statusText}`;
}

/** A JSON call. 401 (token expired or revoked) goes back to the sign-in page. */
export async function api(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: authHeaders(body === undefined ? { Accept: 'application/json' }
      : { Accept: 'application/json', 'Content-Type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 401 && path !== '/api/me') {
    signOut();
    throw new ApiError(401, 'Signed out: please sign in again.');
  }
  if (!res.ok) throw new ApiError(res.status, await errorMessage(res));
  if (res.status === 204) return null;
  const text = await res.text();
  return text ? JSON.parse(text) : null;
}

/** Downloads a file the service answers with Content-Disposition: attachment, through the bearer header. */
export async function download(path, fallbackName) {
  const res = await fetch(path, { headers: authHeaders() });
  if (!res.ok) throw new ApiError(res.status, await errorMessage(res));
  const disposition = res.headers.get('Content-Disposition') || '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  const name = match ? decodeURIComponent(match[1]) : fallbackName;
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { name, bytes: blob.size };
}

/**
 * Reads a Server-Sent Events stream with fetch + ReadableStream and calls onEvent(type, data) for
 * each event (data parsed as JSON when it is JSON). Reconnects after a drop, with a growing pause,
 * until the returned handle's close() is called. onStatus('live'|'reconnecting'|'closed') reports the
 * connection for the page to show.
 */
export function openStream(path, onEvent, onStatus = () => {}) {
  const controller = new AbortController();
  let closed = false;
  let pauseMs = 1000;

  async function once() {
    const res = await fetch(path, { headers: authHeaders({ Accept: 'text/event-stream' }), signal: controller.signal });
    if (res.status === 401) { signOut(); return; }
    if (!res.ok || !res.body) throw new ApiError(res.status, `stream answered ${res.status}`);
    onStatus('live');
    pauseMs = 1000;
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value.replace(/\r\n?/g, '\n');
      let cut;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        dispatch(block);
      }
    }
  }

  function dispatch(block) {
    let type = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue; // comment: heartbeat
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') type = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length === 0) return;
    const text = data.join('\n');
    let parsed = text;
    try { parsed = JSON.parse(text); } catch { /* plain text event */ }
    try {
      onEvent(type, parsed);
    } catch (e) {
      console.error('event handler failed', type, e);
    }
  }

  (async () => {
    while (!closed) {
      try {
        await once();
      } catch (e) {
        if (closed) break;
        console.warn('stream dropped', path, e);
      }
      if (closed) break;
      onStatus('reconnecting');
      await new Promise(r => setTimeout(r, pauseMs));
      pauseMs = Math.min(pauseMs * 2, 15_000);
    }
    onStatus('closed');
  })();

  return {
    close() {
      closed = true;
      controller.abort();
    },
  };
}

/** Fills the page header: who is signed in and the sign-out button. */
export function mountHeader(user) {
  const who = document.getElementById('who');
  if (who) who.textContent = `${user.displayName} (${user.roles.map(r => r.toLowerCase()).join(', ')})`;
  const out = document.getElementById('sign-out');
  if (out) out.addEventListener('click', signOut);
}
