package dev.parley.voice;

import java.util.Locale;

/** Stable codes for speech failures, as they reach clients in error events. */
public enum VoiceErrorCode {
  /** No model file, binary or API key; the message says what to run or set. */
  MODEL_NOT_CONFIGURED,
  PROVIDER_UNAVAILABLE,
  PROVIDER_ERROR,
  RATE_LIMITED,
  TIMEOUT,
  UNSUPPORTED_LANGUAGE,
  /** Audio the engine cannot take (wrong rate, odd byte count, ...). */
  BAD_AUDIO,
  CANCELLED;

  public String wireName() {
    return "voice_" + name().toLowerCase(Locale.ROOT);
  }
}
