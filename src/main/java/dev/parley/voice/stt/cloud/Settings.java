package dev.parley.voice.stt.cloud;

/** How property values are read: blank means unset, trailing slashes of URLs are dropped. */
final class Settings {

  private Settings() {}

  static String trimToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  static String orDefault(String value, String fallback) {
    var given = trimToNull(value);
    return (given == null ? fallback : given).replaceAll("/+$", "");
  }

  /** {@code parley.voice.stt.deepgram.api-key} as an environment variable. */
  static String envVar(String provider, String key) {
    return ("PARLEY_VOICE_STT_" + provider + "_" + key)
        .replace('-', '_')
        .toUpperCase(java.util.Locale.ROOT);
  }

  static String property(String provider, String key) {
    return "parley.voice.stt." + provider + "." + key;
  }

  /** "PARLEY_VOICE_STT_DEEPGRAM_API_KEY (parley.voice.stt.deepgram.api-key)". */
  static String setting(String provider, String key) {
    return envVar(provider, key) + " (" + property(provider, key) + ")";
  }
}
