package dev.parley.voice.stt.whisper;

import java.time.Duration;

/**
 * @param threads CPU threads one whisper run uses
 * @param partialInterval how much new audio triggers another partial transcript; whisper is not
 *     streaming, so each partial re-transcribes the whole utterance so far
 */
public record WhisperSettings(int threads, Duration partialInterval) {

  public WhisperSettings {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be positive");
    }
    if (partialInterval.isNegative() || partialInterval.isZero()) {
      throw new IllegalArgumentException("partialInterval must be positive");
    }
  }
}
