package dev.parley.conversation;

import java.util.Locale;

public enum TurnStatus {
  /** The model finished its reply. */
  COMPLETED,
  /** The learner interrupted or disconnected; the reply holds what was generated until then. */
  INTERRUPTED,
  /** The model failed; the learner's message is kept, the reply holds any partial text. */
  FAILED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static TurnStatus fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
