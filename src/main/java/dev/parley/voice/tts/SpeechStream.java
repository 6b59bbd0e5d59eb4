package dev.parley.voice.tts;

/** Handle on a running synthesis. */
public interface SpeechStream {

  /** Stops at once: no audio after this returns. Idempotent. */
  void cancel();
}
