package dev.parley.conversation;

import java.util.Locale;

/** What kind of practice a session is; every mode talks the same way for now. */
public enum SessionMode {
  SANDBOX,
  STORY,
  JOURNEY,
  PENPAL,
  ROLEPLAY,
  FUTURE_SELF,
  NPC;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SessionMode fromWire(String value) {
    for (var mode : values()) {
      if (mode.wireName().equals(value)) {
        return mode;
      }
    }
    throw new IllegalArgumentException("Unknown mode '" + value + "'");
  }
}
