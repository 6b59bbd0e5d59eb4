// REST calls and the session socket, both on behalf of this browser's learner.

const LEARNER_KEY = 'parley.learner';

/** A random learner id kept in localStorage, so sessions stay this browser's own. */
export function learnerId() {
  let id = localStorage.getItem(LEARNER_KEY);
  if (!id) {
    id = `web-${crypto.randomUUID()}`;
    localStorage.setItem(LEARNER_KEY, id);
  }
  return id;
}

export class ApiError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

async function request(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: {
      'X-Parley-Learner': learnerId(),
      Accept: 'application/json',
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(json?.code ?? `http_${response.status}`, json?.detail ?? response.statusText);
  }
  return json;
}

export const listCharacters = () => request('GET', '/api/characters');

export const startSession = (characterId, level) =>
  request('POST', '/api/sessions', { characterId, level });

export const finishSession = (sessionId) =>
  request('POST', `/api/sessions/${encodeURIComponent(sessionId)}/finish`);

export function openSocket(sessionId) {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const url = `${scheme}://${location.host}/ws/sessions/${encodeURIComponent(sessionId)}` +
    `?learner=${encodeURIComponent(learnerId())}`;
  const socket = new WebSocket(url);
  socket.binaryType = 'arraybuffer';
  return socket;
}
