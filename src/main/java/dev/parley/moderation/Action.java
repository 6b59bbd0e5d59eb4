package dev.parley.moderation;

import java.util.Locale;

/** What a flagged turn leads to; each action includes the ones before it. */
public enum Action {
  /** Tell the client: a {@code moderation} event. */
  WARN,
  /** Also replace the flagged text in the stored turn, so later prompts no longer read it. */
  REDACT,
  /** Also finish the session. */
  END;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
