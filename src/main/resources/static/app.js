// The conversation page: session set-up, the session socket, voice in and out.
// Protocol: docs/protocol.md. Test hooks live on window.parley.

import { finishSession, learnerId, listCharacters, openSocket, startSession } from './api.js';
import { wireHoldGesture } from './hold-gesture.js';
import { Microphone, PreRoll } from './microphone.js';
import { parseReplyFrame, ReplyPlayer } from './reply-player.js';
import * as view from './view.js';

const params = new URLSearchParams(location.search);
// Frames captured before the server accepts the audio format wait here (at most ~2 s).
const MAX_PENDING_FRAMES = 100;
// 20 ms frames: ~200 ms from before a "hold to talk" press go first (see PreRoll).
const PRE_ROLL_FRAMES = 10;

const state = {
  characters: [],
  session: null,
  socket: null,
  // The microphone: null (off), 'server' (hands-free: the server finds the turns) or 'client'
  // (open for "hold to talk": frames go only while held). Set when asked, before it is open.
  endpointing: null,
  micOpening: null, // resolves once audio.start is sent
  sampleRate: null, // of the open microphone's frames
  audioReady: false, // audio.ready came for the current endpointing
  pendingFrames: [],
  preRoll: new PreRoll(PRE_ROLL_FRAMES),
  held: false,
  endAfterReady: null, // resolves release() once speech.end follows the queued frames
  turnInFlight: false,
  endedBecause: null, // the server's reason, when it ended the conversation (e.g. moderation)
};

const hooks = {
  learner: learnerId(),
  events: [],
  received: { audioFrames: 0, audioBytes: 0 },
  // holds: one { framesBefore, framesAtEnd } per hold, sent.audioFrames when it was pressed and
  // when its speech.end went out; events: every JSON event the page sent.
  sent: { audioFrames: 0, audioBytes: 0, playback: [], holds: [], events: [] },
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
    hooks.sent.events.push(event);
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
  state.endedBecause = null;
  socket?.close(1000);
}

// --- Server events ---

const handlers = {
  'session.ready': () => view.setConnection(''),
  'audio.ready': (e) => {
    // An answer to an earlier audio.start, before the learner switched modes, changes nothing.
    if ((e.endpointing ?? 'server') !== state.endpointing) return;
    state.audioReady = true;
    state.pendingFrames.splice(0).forEach(sendFrame);
    state.endAfterReady?.();
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
  'evaluation.completed': (e) => showFinished(e.evaluation),
  'evaluation.failed': (e) => showFinished(e.evaluation),
  'level.changed': (e) => view.setConnection(`Your level is now ${e.to}.`),
  'session.ended': (e) => {
    state.endedBecause = e.reason;
    view.setConnection(endedText());
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

// The evaluation follows session.ended too; the learner should still see why it ended.
const endedText = () =>
  state.endedBecause ? `The conversation was ended (${state.endedBecause}).` : 'Finished.';

function showFinished(evaluation) {
  view.setConnection(endedText());
  view.showEvaluation(evaluation);
}

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

/** Hands-free: the microphone streams and the server finds the turns. */
const micOn = () => openMic('server');

/**
 * Opens the microphone for this endpointing, or switches the open one to it (audio.start again,
 * on the same socket). Resolves once audio.start is sent.
 */
function openMic(endpointing) {
  if (!state.socket) return Promise.reject(new Error('Start a conversation first'));
  if (state.endpointing === endpointing) return state.micOpening;
  state.endpointing = endpointing;
  state.audioReady = false;
  view.setMic(endpointing === 'server');
  if (state.micOpening === null) state.micOpening = startMicrophone();
  else if (state.sampleRate !== null) announceAudio();
  // else the microphone is still opening and announces the endpointing asked last.
  return state.micOpening;
}

async function startMicrophone() {
  state.pendingFrames = [];
  state.preRoll.take();
  try {
    const sampleRate = await microphone.start();
    if (state.endpointing === null) {
      // Turned off while the device opened.
      microphone.stop();
      state.micOpening = null;
      return;
    }
    state.sampleRate = sampleRate;
    announceAudio();
  } catch (error) {
    microphone.stop();
    state.micOpening = null;
    micOff();
    view.showError('microphone_unavailable', error.message);
    throw error;
  }
}

function announceAudio() {
  send({
    type: 'audio.start',
    ref: 'audio.start',
    format: { encoding: 'pcm16', sampleRate: state.sampleRate, channels: 1 },
    endpointing: state.endpointing,
  });
}

function micOff() {
  if (state.endpointing === null) return;
  const announced = state.sampleRate !== null;
  state.endpointing = null;
  setHeld(false);
  state.endAfterReady?.(false);
  if (announced) {
    microphone.stop();
    state.micOpening = null;
    state.sampleRate = null;
    send({ type: 'audio.stop' });
  }
  state.audioReady = false;
  state.pendingFrames = [];
  state.preRoll.take();
  view.setMic(false);
  view.setSpeech('');
}

function onMicFrame(pcm, level) {
  view.setMicLevel(level);
  if (state.endpointing === 'client' && !state.held) state.preRoll.keep(pcm);
  else queueOrSend(pcm);
}

function queueOrSend(pcm) {
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

// --- Hold to talk ---

/**
 * The learner speaks: a reply still playing stops at once (barge-in). With the microphone off it
 * opens for client endpointing, and frames go only while held; hands-free, it streams anyway and
 * the release just ends the turn without the trailing silence. Resolves once audio.start is sent.
 */
async function hold() {
  if (state.held || !state.socket) return;
  setHeld(true);
  hooks.sent.holds.push({ framesBefore: hooks.sent.audioFrames, framesAtEnd: null });
  stopPlayback();
  view.setSpeech('Listening…');
  if (state.endpointing === null) {
    try {
      await openMic('client');
    } catch {
      setHeld(false);
    }
    return;
  }
  state.preRoll.take().forEach(queueOrSend);
  await state.micOpening;
}

/**
 * The learner has finished: speech.end, after the frames still queued for audio.ready. Resolves
 * to whether speech.end went out.
 */
function release() {
  if (!state.held) return Promise.resolve(false);
  setHeld(false);
  view.setSpeech('');
  const entry = hooks.sent.holds.at(-1);
  const end = () => {
    entry.framesAtEnd = hooks.sent.audioFrames;
    return send({ type: 'speech.end' });
  };
  if (state.audioReady) return Promise.resolve(end());
  state.endAfterReady?.(false);
  return new Promise((resolve) => {
    state.endAfterReady = (ready = true) => {
      state.endAfterReady = null;
      resolve(ready && end());
    };
  });
}

function setHeld(held) {
  state.held = held;
  view.setHeld(held);
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
  mic.addEventListener('click', () =>
    state.endpointing === 'server' ? micOff() : micOn().catch(() => {}),
  );
  wireHoldGesture(view.elements.hold, () => hold().catch(() => {}), release);
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
  hold,
  release,
  say,
  interrupt,
  askForHint,
  waitFor,
  state: () => ({
    sessionId: state.session?.id ?? null,
    connected: state.socket?.readyState === WebSocket.OPEN,
    micOn: microphone.on,
    endpointing: state.endpointing,
    held: state.held,
    audioReady: state.audioReady,
    playing: player.playing,
    playedMs: player.playedMs(),
  }),
  // Resolves once the character list is on the page.
  loaded: init(),
});
