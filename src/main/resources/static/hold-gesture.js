// "Hold to talk": the learner speaks while a pointer presses the button or while the Space bar is
// held, and the turn ends when they let go, however they let go.

// Where Space already means something (typing, choosing, pressing another button) it keeps that
// meaning; anywhere else on the page it talks.
const SPACE_HAS_OWN_MEANING = 'input, textarea, select, [contenteditable], button';

/**
 * @param {HTMLButtonElement} button the hold-to-talk button
 * @param {() => void} press the learner starts speaking
 * @param {() => void} release the learner has finished (harmless if the page has already let go,
 *     e.g. because the microphone closed)
 */
export function wireHoldGesture(button, press, release) {
  // What holds now ('pointer' or 'key'): only that lets go, so a pointer leaving the button does
  // not end a turn the Space bar holds.
  let heldBy = null;
  const start = (source) => {
    if (heldBy || button.disabled) return;
    heldBy = source;
    press();
  };
  const stop = (source) => {
    if (!heldBy || (source && source !== heldBy)) return;
    heldBy = null;
    release();
  };

  button.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    e.preventDefault(); // no text selection or focus juggling while held
    button.focus();
    start('pointer');
  });
  for (const type of ['pointerup', 'pointercancel', 'pointerleave']) {
    button.addEventListener(type, () => stop('pointer'));
  }
  // A long touch would otherwise open the context menu and cancel the pointer.
  button.addEventListener('contextmenu', (e) => e.preventDefault());

  const spaceTalks = (e) =>
    e.code === 'Space' &&
    !e.altKey && !e.ctrlKey && !e.metaKey &&
    (e.target === button || !e.target.closest?.(SPACE_HAS_OWN_MEANING));
  document.addEventListener('keydown', (e) => {
    if (!spaceTalks(e) || button.disabled) return;
    e.preventDefault(); // no page scroll, no repeated presses
    if (!e.repeat) start('key');
  });
  document.addEventListener('keyup', (e) => {
    if (e.code !== 'Space' || heldBy !== 'key') return;
    e.preventDefault();
    stop('key');
  });
  // Switching windows swallows the key or pointer release: end the turn rather than keep talking.
  window.addEventListener('blur', () => stop(null));
}
