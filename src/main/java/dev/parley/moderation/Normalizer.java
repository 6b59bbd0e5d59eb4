package dev.parley.moderation;

import java.text.Normalizer.Form;

/**
 * Folds text for matching the rule lists: lower case, no accents, simple leetspeak ({@code 4}→a,
 * {@code 3}→e, {@code 0}→o, {@code $}→s …). Every character maps to exactly one, so a match in the
 * folded text has the same span in the original.
 */
final class Normalizer {

  private Normalizer() {}

  static String fold(String text) {
    var folded = new char[text.length()];
    for (int i = 0; i < text.length(); i++) {
      folded[i] = fold(text.charAt(i));
    }
    return new String(folded);
  }

  private static char fold(char c) {
    char lower = Character.toLowerCase(c);
    return switch (lower) {
      case '4', '@' -> 'a';
      case '3' -> 'e';
      case '1' -> 'i';
      case '0' -> 'o';
      case '5', '$' -> 's';
      case '7' -> 't';
      case '\u2019' -> '\'';
      default -> lower < 0x80 || Character.isSurrogate(lower) ? lower : base(lower);
    };
  }

  /** The letter without its accent: é→e, ñ→n, ü→u. */
  private static char base(char c) {
    var decomposed = java.text.Normalizer.normalize(String.valueOf(c), Form.NFD);
    return decomposed.isEmpty() ? c : decomposed.charAt(0);
  }
}
