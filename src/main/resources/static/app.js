// The conversation page: session set-up, the session socket, voice in and out.
// Protocol: docs/protocol.md. Test hooks live on window.parley.

import { finishSession, learnerId, listCharacters, openSocket, startSession } from './api.js';
import { Microphone } from './microphone.js';
import { parseReplyFrame, ReplyPlayer } from './reply-player.js';
import * as view from './view.js';

const params = new URLSearchParams(location.search);
// Frames captured before the server accepts the audio format wait here (at most ~2 s).
const MAX_PENDING_FRAMES = 100;

const state = {
  characters: [],
  session: null,
  socket: null,
  audioReady: false,
  pendingFrames: [],
  turnInFlight: false,
};

const hooks = {
  learner: learnerId(),
  events: [],
  received: { audioFrames: 0, audioBytes: 0 },
  sent: { audioFrames: 0, audioBytes: 0, playback: [] },
  waiters: [],
};

const microphone = new Microphone(onMicFrame, params.get('raw') === '1');
const player = new ReplyPlayer((number, playedMs) => {
  hooks.sent.playback.push({ number, playedMs });
  send({ type: 'playback', number, playedMs });
  view.setReplyActive(state.turnInFlight || player.playing);
});

function send(event) {
  if (state.socket?.readyState === WebSocket.OPEN) {
    state.socket.send(JSON.stringify(event));
    return true;
  }
  return false;
}

// --- Session ---

async function start(characterId, level) {
  player.unlock();
  leave();
  const character = state.characters.find((c) => c.id === characterId);
  const { session, turns } = await startSession(characterId, level);
  state.session = session;
  view.showConversation(character ?? { characterName: characterId, title: '' }, session.level);
  view.showTurns(turns);
  return connect(session.id);
}

function connect(sessionId) {
  const socket = openSocket(sessionId);
  state.socket = socket;
  view.setConnection('Connecting…');
  socket.onmessage = ({ data }) => {
    if (typeof data === 'string') onEvent(JSON.parse(data));
    else onReplyFrame(data);
  };
  socket.onclose = () => {
    if (state.socket !== socket) return;
    view.setConnection('Disconnected. Start a new conversation to continue.');
    micOff();
    player.stop();
  };
  return waitFor('session.ready', 10000, (e) => e.session?.id === sessionId);
}

function leave() {
  micOff();
  player.stop();
  const socket = state.socket;
  state.socket = null;
  state.session = null;
  state.turnInFlight = false;
  socket?.close(1000);
}

// --- Server events ---

const handlers = {
  'session.ready': () => view.setConnection(''),
  'audio.ready': () => {
    state.audioReady = true;
    state.pendingFrames.splice(0).forEach(sendFrame);
  },
  'speech.started': () => {
    view.setSpeech('Listening…');
    // Barge-in: the learner talks over the reply, so it stops here at once.
    stopPlayback();
  },
  'speech.stopped': () => view.setSpeech('Thinking…'),
  'transcript.partial': (e) => view.setPartial(e.text),
  'transcript.final': (e) => {
    view.setPartial('');
    view.setSpeech('');
    if (e.text) view.showLearnerLine(e.text);
  },
  'turn.started': (e) => {
    state.turnInFlight = true;
    view.setReplyActive(true);
    view.startReply(e.number);
  },
  'reply.delta': (e) => view.appendReply(e.text),
  'turn.completed': (e) => {
    state.turnInFlight = false;
    view.setSpeech('');
    view.setReplyActive(player.playing);
    view.completeReply(e.status, e.reply);
  },
  'reply.audio.start': (e) => {
    player.begin(e.number, e.sampleRate);
    view.setReplyActive(true);
  },
  'reply.audio.end': (e) => {
    if (e.status === 'interrupted') view.markInterrupted(e.number);
    player.end(e.number, e.status);
  },
  'turn.metrics': (e) => view.showMetrics(e.stages ?? {}),
  hint: (e) => view.showHint(e),
  moderation: (e) => view.showModeration(e),
  feedback: (e) => view.showFeedback(e),
  'evaluation.completed': (e) => {
    view.setConnection('Finished.');
    view.showEvaluation(e.evaluation);
  },
  'evaluation.failed': (e) => {
    view.setConnection('Finished.');
    view.showEvaluation(e.evaluation);
  },
  'level.changed': (e) => view.setConnection(`Your level is now ${e.to}.`),
  'session.ended': (e) => {
    view.setConnection(`The conversation was ended (${e.reason}).`);
    view.setConversationOpen(false);
    micOff();
  },
  error: (e) => {
    view.showError(e.code, e.message);
    if (e.ref === 'audio.start') micOff();
    if (e.turnId) {
      state.turnInFlight = false;
      view.failReply();
      view.setSpeech('');
    }
  },
};

function onEvent(event) {
  hooks.events.push(event);
  handlers[event.type]?.(event);
  for (const waiter of hooks.waiters.slice()) {
    if (waiter.type === event.type && waiter.matches(event)) waiter.resolve(event);
  }
}

function onReplyFrame(buffer) {
  hooks.received.audioFrames++;
  hooks.received.audioBytes += buffer.byteLength;
  player.push(parseReplyFrame(buffer));
}

/** Resolves with the first event of this type (already received or coming) that matches. */
function waitFor(type, timeoutMs = 30000, matches = () => true) {
  const seen = hooks.events.find((e) => e.type === type && matches(e));
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve, reject) => {
    const waiter = { type, matches };
    const done = () => hooks.waiters.splice(hooks.waiters.indexOf(waiter), 1);
    const timer = setTimeout(() => {
      done();
      reject(new Error(`No ${type} event within ${timeoutMs} ms`));
    }, timeoutMs);
    waiter.resolve = (event) => {
      clearTimeout(timer);
      done();
      resolve(event);
    };
    hooks.waiters.push(waiter);
  });
}

// --- Microphone ---

async function micOn() {
  if (microphone.on) return;
  if (!state.socket) throw new Error('Start a conversation first');
  state.audioReady = false;
  state.pendingFrames = [];
  view.setMic(true);
  try {
    const sampleRate = await microphone.start();
    send({
      type: 'audio.start',
      ref: 'audio.start',
      format: { encoding: 'pcm16', sampleRate, channels: 1 },
    });
  } catch (error) {
    view.setMic(false);
    view.showError('microphone_unavailable', error.message);
    throw error;
  }
}

function micOff() {
  if (!microphone.on) return;
  microphone.stop();
  if (state.audioReady) send({ type: 'audio.stop' });
  state.audioReady = false;
  state.pendingFrames = [];
  view.setMic(false);
  view.setSpeech('');
}

function onMicFrame(pcm, level) {
  view.setMicLevel(level);
  if (state.audioReady) {
    sendFrame(pcm);
  } else {
    state.pendingFrames.push(pcm);
    if (state.pendingFrames.length > MAX_PENDING_FRAMES) state.pendingFrames.shift();
  }
}

function sendFrame(pcm) {
  if (state.socket?.readyState !== WebSocket.OPEN) return;
  state.socket.send(pcm);
  hooks.sent.audioFrames++;
  hooks.sent.audioBytes += pcm.byteLength;
}

// --- Text and controls ---

function say(text) {
  const trimmed = text.trim();
  if (!trimmed) return false;
  stopPlayback();
  view.hideHint();
  view.showLearnerLine(trimmed);
  return send({ type: 'user.text', text: trimmed, ref: 'user.text' });
}

function stopPlayback() {
  if (!player.playing) return;
  view.markInterrupted(player.number);
  player.stop();
}

const askForHint = () => send({ type: 'hint.request', ref: 'hint' });

/** Finishing keeps the socket open: the evaluation arrives on it a few seconds later. */
async function finish() {
  if (!state.session) return;
  micOff();
  view.setConversationOpen(false);
  view.setConnection('Finished. Evaluating the conversation…');
  await finishSession(state.session.id);
}

function interrupt() {
  stopPlayback();
  send({ type: 'interrupt' });
}

function wireControls() {
  const {
    startForm, character, level, leave: leaveButton, mic, interrupt: stop, textForm, text, hint,
    finish: finishButton,
  } = view.elements;
  character.addEventListener('change', () =>
    view.showCharacterDetails(state.characters.find((c) => c.id === character.value)),
  );
  startForm.addEventListener('submit', (e) => {
    e.preventDefault();
    start(character.value, level.value).catch((error) => view.showError(error.code ?? 'error', error.message));
  });
  leaveButton.addEventListener('click', () => {
    leave();
    view.showSetup();
  });
  mic.addEventListener('click', () => (microphone.on ? micOff() : micOn().catch(() => {})));
  stop.addEventListener('click', interrupt);
  hint.addEventListener('click', askForHint);
  finishButton.addEventListener('click', () =>
    finish().catch((error) => view.showError(error.code ?? 'error', error.message)),
  );
  textForm.addEventListener('submit', (e) => {
    e.preventDefault();
    if (say(text.value)) text.value = '';
  });
}

async function init() {
  wireControls();
  try {
    state.characters = await listCharacters();
    view.showCharacters(state.characters);
    view.showCharacterDetails(state.characters[0]);
  } catch (error) {
    view.showError(error.code ?? 'error', `Could not load characters: ${error.message}`);
  }
}

window.parley = Object.assign(hooks, {
  start,
  finish,
  micOn,
  micOff,
  say,
  interrupt,
  askForHint,
  waitFor,
  state: () => ({
    sessionId: state.session?.id ?? null,
    connected: state.socket?.readyState === WebSocket.OPEN,
    micOn: microphone.on,
    audioReady: state.audioReady,
    playing: player.playing,
    playedMs: player.playedMs(),
  }),
  // Resolves once the character list is on the page.
  loaded: init(),
});
