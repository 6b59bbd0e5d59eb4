package dev.parley.voice.stt.cloud;

import java.util.Locale;

/** Reads the BCP 47 tags Parley uses (e.g. {@code es-ES}) the way providers want them. */
final class Languages {

  private Languages() {}

  /** ISO 639-1 code of a BCP 47 tag, e.g. {@code es} for {@code es-ES}; empty when malformed. */
  static String primary(String tag) {
    return tag == null ? "" : Locale.forLanguageTag(tag.trim()).getLanguage();
  }
}
