package dev.parley.moderation;

/**
 * Says whether a text breaks the conduct rules or carries personal data. Implementations never
 * throw for a provider failure: they fall back to a local check, so moderation never blocks the
 * conversation.
 */
public interface Moderator {

  /**
   * @param language BCP 47 tag of the language the text is most likely in (e.g. {@code es-ES}); may
   *     be null
   */
  Verdict check(String text, String language);
}
