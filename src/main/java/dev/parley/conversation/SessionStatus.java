package dev.parley.conversation;

import java.util.Locale;

public enum SessionStatus {
  ACTIVE,
  FINISHED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static SessionStatus fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
