package dev.parley.moderation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One category's phrases in one language, from {@code moderation/rules/<category>/<lang>.txt}: one
 * phrase a line, {@code #} starts a comment, a trailing {@code *} matches any word ending. Phrases
 * match whole words of the folded text (see {@link Normalizer}), spaces matching any whitespace.
 */
record RuleList(ModerationCategory category, String language, Pattern pattern) {

  static RuleList load(ModerationCategory category, String language, InputStream in) {
    String text;
    try (in) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the moderation rules", e);
    }
    var alternatives = new ArrayList<String>();
    for (var line : text.lines().toList()) {
      var phrase = line.replaceFirst("#.*", "").strip();
      if (!phrase.isEmpty()) {
        alternatives.add(regex(Normalizer.fold(phrase)));
      }
    }
    return new RuleList(category, language, compile(alternatives));
  }

  private static String regex(String phrase) {
    boolean prefix = phrase.endsWith("*");
    var words = (prefix ? phrase.substring(0, phrase.length() - 1) : phrase).split("\\s+");
    var parts = new ArrayList<String>();
    for (var word : words) {
      parts.add(Pattern.quote(word));
    }
    return String.join("\\s+", parts) + (prefix ? "[\\p{L}\\p{N}]*" : "");
  }

  private static Pattern compile(List<String> alternatives) {
    if (alternatives.isEmpty()) {
      return null;
    }
    return Pattern.compile(
        "(?<![\\p{L}\\p{N}])(?:" + String.join("|", alternatives) + ")(?![\\p{L}\\p{N}])");
  }

  /** Spans of the whole-word matches in already folded text. */
  List<Verdict.Span> find(String folded) {
    var spans = new ArrayList<Verdict.Span>();
    if (pattern != null) {
      var matcher = pattern.matcher(folded);
      while (matcher.find()) {
        spans.add(new Verdict.Span(matcher.start(), matcher.end()));
      }
    }
    return spans;
  }
}
