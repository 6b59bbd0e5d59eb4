package dev.parley.voice.tts.cloud;

import dev.parley.voice.tts.SpeechRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a Parley voice hint such as {@code es-ES-female-2} and finds the configured vendor voice
 * for it. Hints that name no configured voice still tell the adapter which of its default voices to
 * take: the trailing number picks the n-th voice of the gender.
 */
final class VoiceChooser {

  private static final Pattern NUMBERED = Pattern.compile(".*-(\\d+)$");

  private final Map<String, String> configured;

  /**
   * @param configured hints to vendor voices, keys lower case (see {@link CloudTtsProperties})
   */
  VoiceChooser(Map<String, String> configured) {
    this.configured = configured;
  }

  /** The configured voice for this request, most specific key first. */
  Optional<String> configured(SpeechRequest request) {
    return keys(request).stream().map(configured::get).filter(v -> v != null).findFirst();
  }

  /** The {@code index()}-th of {@code voices}, wrapping around. */
  static String pick(List<String> voices, SpeechRequest request) {
    return voices.get((index(request.voice()) - 1) % voices.size());
  }

  /** 1 unless the hint ends in a number, as in {@code en-US-male-2}. */
  static int index(String hint) {
    if (hint == null) {
      return 1;
    }
    var matcher = NUMBERED.matcher(hint.trim());
    if (!matcher.matches() || matcher.group(1).length() > 3) {
      return 1;
    }
    return Math.max(1, Integer.parseInt(matcher.group(1)));
  }

  /** {@code es} for {@code es-ES}. */
  static String primaryLanguage(String tag) {
    var trimmed = tag.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    int dash = trimmed.indexOf('-');
    return dash < 0 ? trimmed : trimmed.substring(0, dash);
  }

  private static List<String> keys(SpeechRequest request) {
    var gender = request.gender().name().toLowerCase(Locale.ROOT);
    var tag = request.language().trim().toLowerCase(Locale.ROOT).replace('_', '-');
    var keys = new ArrayList<String>();
    if (request.voice() != null && !request.voice().isBlank()) {
      keys.add(request.voice().trim().toLowerCase(Locale.ROOT));
    }
    keys.add(tag + "-" + gender);
    keys.add(primaryLanguage(tag) + "-" + gender);
    keys.add(gender);
    return keys;
  }
}
