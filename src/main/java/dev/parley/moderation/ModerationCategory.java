package dev.parley.moderation;

import java.util.Locale;

/** What a flag is about. Every category but personal data is misconduct. */
public enum ModerationCategory {
  SELF_HARM,
  VIOLENCE,
  HATE,
  SEXUAL_MINORS,
  /** Sexual content between adults: only providers report it, the rule lists do not. */
  SEXUAL,
  HARASSMENT,
  PERSONAL_DATA;

  /** The name on the wire and in configuration, e.g. {@code self-harm}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static ModerationCategory fromWireName(String name) {
    return valueOf(name.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  /** Personal data is protected by redaction, not treated as misconduct. */
  public boolean misconduct() {
    return this != PERSONAL_DATA;
  }
}
