package dev.parley.voice.stt.cloud;

import dev.parley.voice.VoiceException;
import dev.parley.voice.stt.Transcript;
import dev.parley.voice.stt.TranscriptListener;

/**
 * Keeps the listener contract whichever thread reports: calls never overlap, nothing follows the
 * outcome, and nothing at all follows a cancel.
 */
final class GuardedListener {

  private final TranscriptListener listener;
  private boolean closed;

  GuardedListener(TranscriptListener listener) {
    this.listener = listener;
  }

  synchronized void partial(String text) {
    if (!closed) {
      listener.onPartial(text);
    }
  }

  synchronized void complete(Transcript transcript) {
    if (!closed) {
      closed = true;
      listener.onFinal(transcript);
    }
  }

  synchronized void fail(VoiceException error) {
    if (!closed) {
      closed = true;
      listener.onError(error);
    }
  }

  /** Silences the listener; true if it was still open. */
  synchronized boolean close() {
    boolean wasOpen = !closed;
    closed = true;
    return wasOpen;
  }

  synchronized boolean isClosed() {
    return closed;
  }
}
