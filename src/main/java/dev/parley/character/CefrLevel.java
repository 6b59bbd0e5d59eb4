package dev.parley.character;

import java.util.Locale;

/** Common European Framework of Reference levels, lowest first. */
public enum CefrLevel {
  A1,
  A2,
  B1,
  B2,
  C1,
  C2;

  public static CefrLevel parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("Unknown CEFR level '" + text + "': use one of A1, A2, B1, B2, C1, C2");
    }
  }
}
