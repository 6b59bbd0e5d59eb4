// Everything the page shows. The controller (app.js) calls these; nothing here talks to the server.

const $ = (id) => document.getElementById(id);

const STAGES = [
  ['sttFinal', 'Transcript'],
  ['llmFirstToken', 'First token'],
  ['firstSentence', 'First sentence'],
  ['ttsFirstByte', 'First speech'],
  ['firstAudioSent', 'Audio sent'],
];
const ERROR_SHOWN_MS = 8000;

let currentReply = null;

export const elements = {
  startForm: $('start-form'),
  character: $('character'),
  level: $('level'),
  leave: $('leave'),
  mic: $('mic'),
  hold: $('hold'),
  interrupt: $('interrupt'),
  textForm: $('text-form'),
  text: $('text'),
  hint: $('hint-button'),
  finish: $('finish'),
};

export function showCharacters(characters) {
  elements.character.replaceChildren(
    ...characters.map((c) => new Option(`${c.title} — ${c.characterName} (${c.language})`, c.id)),
  );
}

export function showCharacterDetails(character) {
  $('character-goal').textContent = character?.goal ?? '';
  const previous = elements.level.value || 'B1';
  const levels = character?.levels ?? [];
  elements.level.replaceChildren(...levels.map((level) => new Option(level, level)));
  elements.level.value = levels.includes(previous) ? previous : levels[0] ?? '';
}

export function showConversation(character, level) {
  $('setup').hidden = true;
  $('conversation').hidden = false;
  const subtitle = document.createElement('span');
  subtitle.className = 'subtitle';
  subtitle.textContent = `${character.title} · level ${level}`;
  $('conversation-title').replaceChildren(character.characterName, subtitle);
  $('transcript').replaceChildren();
  $('metrics').hidden = true;
  $('hint').hidden = true;
  $('notices').replaceChildren();
  $('evaluation').hidden = true;
  setConversationOpen(true);
  setPartial('');
  currentReply = null;
  elements.text.focus();
}

export function showSetup() {
  $('conversation').hidden = true;
  $('setup').hidden = false;
  elements.character.focus();
}

function addLine(role, text) {
  const item = document.createElement('li');
  item.className = `line ${role}`;
  const who = document.createElement('span');
  who.className = 'who visually-hidden';
  who.textContent = role === 'learner' ? 'You: ' : 'Character: ';
  const body = document.createElement('span');
  body.className = 'text';
  body.textContent = text;
  item.append(who, body);
  $('transcript').append(item);
  item.scrollIntoView({ block: 'nearest' });
  return item;
}

export function showTurns(turns) {
  $('transcript').replaceChildren();
  for (const turn of turns) {
    if (turn.userText) addLine('learner', turn.userText);
    if (turn.reply) addLine('character', turn.reply);
  }
}

export const showLearnerLine = (text) => addLine('learner', text);

export function startReply(number) {
  // The learner's line just before this reply is the turn's too: feedback finds it by number.
  const learnerLine = [...document.querySelectorAll('#transcript .line.learner')].at(-1);
  if (number != null && learnerLine && !learnerLine.dataset.number) {
    learnerLine.dataset.number = number;
  }
  currentReply = { number, item: addLine('character', '') };
  currentReply.item.classList.add('streaming');
  if (number != null) currentReply.item.dataset.number = number;
}

/** The learner cut the spoken reply short: the server keeps only what was heard. */
export function markInterrupted(number) {
  // The learner's line of the turn carries the same number: only the reply was cut short.
  const reply = document.querySelector(`#transcript .line.character[data-number="${number}"]`);
  reply?.classList.add('interrupted');
}

export function appendReply(text) {
  if (!currentReply) startReply(null);
  currentReply.item.querySelector('.text').textContent += text;
  currentReply.item.scrollIntoView({ block: 'nearest' });
}

/** turn.completed: the stored reply wins (an interrupted turn keeps only what was heard). */
export function completeReply(status, reply) {
  if (!currentReply) startReply(null);
  const { item } = currentReply;
  item.classList.remove('streaming');
  if (reply != null) item.querySelector('.text').textContent = reply;
  if (status !== 'completed') item.classList.add(status);
  currentReply = null;
}

export function failReply() {
  if (!currentReply) return;
  currentReply.item.classList.remove('streaming');
  currentReply.item.classList.add('failed');
  currentReply = null;
}

export function setPartial(text) {
  $('partial').textContent = text;
}

export const setConnection = (text) => ($('connection').textContent = text);
export const setSpeech = (text) => ($('speech').textContent = text);

export function setMic(on) {
  // The label says what a press does, so the button is not also a pressed/unpressed toggle.
  elements.mic.classList.toggle('on', on);
  $('mic-label').textContent = on ? 'Stop microphone' : 'Talk';
  if (!on) setMicLevel(0);
}

/** "Hold to talk" is a pressed button while the learner holds it. */
export function setHeld(held) {
  elements.hold.setAttribute('aria-pressed', String(held));
  elements.hold.classList.toggle('held', held);
}

export function setMicLevel(level) {
  // Speech RMS sits around 0.01–0.3: a square root spreads it over the meter.
  $('mic-level').value = Math.min(1, Math.sqrt(level) * 1.5);
}

export const setReplyActive = (active) => (elements.interrupt.disabled = !active);

export function showMetrics(stages) {
  const values = STAGES.map(([key]) => stages[key]).filter((v) => typeof v === 'number');
  const scale = Math.max(1, ...values);
  const rows = STAGES.map(([key, label]) => {
    const value = stages[key];
    const term = document.createElement('dt');
    term.textContent = label;
    const detail = document.createElement('dd');
    const bar = document.createElement('span');
    bar.className = 'bar';
    bar.style.width = typeof value === 'number' ? `${(value / scale) * 70}%` : '0';
    const number = document.createElement('span');
    number.className = 'ms';
    number.textContent = typeof value === 'number' ? `${Math.round(value)} ms` : '—';
    detail.append(bar, number);
    return [term, detail];
  });
  $('metrics-rows').replaceChildren(...rows.flat());
  $('metrics').hidden = false;
}

export function showError(code, message) {
  const item = document.createElement('li');
  const codeElement = document.createElement('code');
  codeElement.textContent = code;
  item.append(codeElement, ` ${message ?? ''}`);
  $('errors').append(item);
  setTimeout(() => item.remove(), ERROR_SHOWN_MS);
}

/** A hint is shown, not spoken: the page could read it aloud with the browser's speechSynthesis. */
export function showHint(hint) {
  const suggestion = document.createElement('p');
  suggestion.className = 'hint-suggestion';
  suggestion.textContent = hint.suggestion;
  const phrase = document.createElement('p');
  phrase.className = 'hint-phrase';
  phrase.textContent = hint.translation ? `${hint.phrase} — ${hint.translation}` : hint.phrase;
  const label = document.createElement('strong');
  label.textContent = hint.trigger === 'silence' ? 'Stuck? Try: ' : 'Hint: ';
  suggestion.prepend(label);
  $('hint').replaceChildren(suggestion, phrase);
  $('hint').hidden = false;
}

export const hideHint = () => ($('hint').hidden = true);

const ACTIONS = {
  warn: 'was flagged',
  redact: 'was flagged and removed from the transcript',
  end: 'was flagged and ended the conversation',
};

/** moderation: what was flagged in whose text; the server already acted on it. */
export function showModeration({ target, categories, action }) {
  const item = document.createElement('li');
  const whose = target === 'learner' ? 'Your message' : 'The reply';
  const what = categories.includes('personal-data')
    ? 'contained personal data, which was removed from the transcript'
    : `${ACTIONS[action] ?? 'was flagged'} (${categories.join(', ')})`;
  item.textContent = `${whose} ${what}.`;
  $('notices').append(item);
}

/**
 * feedback: the corrections of one learner line, shown under it; none is a small tick. The line
 * takes the checked text: after a redaction it comes again without the redacted words.
 */
export function showFeedback({ number, text, corrections }) {
  const line = document.querySelector(`#transcript .line.learner[data-number="${number}"]`);
  if (!line) return;
  if (text != null) line.querySelector('.text').textContent = text;
  line.querySelector('.corrections')?.remove();
  const list = document.createElement('ul');
  list.className = 'corrections';
  if (corrections.length === 0) {
    list.classList.add('none');
    list.setAttribute('aria-label', 'No mistakes');
    list.textContent = '✓';
  }
  for (const c of corrections) {
    const item = document.createElement('li');
    const fix = document.createElement('span');
    fix.className = 'fix';
    fix.textContent = `${c.original} → ${c.suggestion || '(remove)'}`;
    const why = document.createElement('span');
    why.className = 'why';
    why.textContent = ` ${c.category.replaceAll('-', ' ')}: ${c.explanation ?? ''}`;
    item.append(fix, why);
    list.append(item);
  }
  line.append(list);
}

/** evaluation.*: the score and debrief of a finished conversation, or why there is none. */
export function showEvaluation(evaluation) {
  const card = $('evaluation');
  const parts = [];
  const paragraph = (className, text) => {
    const p = document.createElement('p');
    p.className = className;
    p.textContent = text;
    parts.push(p);
  };
  const list = (title, items) => {
    if (!items?.length) return;
    const heading = document.createElement('h4');
    heading.textContent = title;
    const ul = document.createElement('ul');
    ul.replaceChildren(
      ...items.map((text) => Object.assign(document.createElement('li'), { textContent: text })),
    );
    parts.push(heading, ul);
  };
  if (evaluation.status === 'completed') {
    paragraph('score', `Score: ${evaluation.score} / 100`);
    paragraph('debrief', evaluation.debrief);
    paragraph('justification', evaluation.justification);
    list('What went well', evaluation.strengths);
    list('What to work on', evaluation.improvements);
  } else {
    paragraph('status', `No evaluation: ${evaluation.error?.message ?? evaluation.status}`);
  }
  card.replaceChildren(...parts);
  card.hidden = false;
}

export function setConversationOpen(open) {
  const { text, hint, finish, mic, hold } = elements;
  for (const element of [text, hint, finish, $('send'), mic, hold]) {
    element.disabled = !open;
  }
}
