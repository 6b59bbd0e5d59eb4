package dev.parley.moderation;

import dev.parley.moderation.Verdict.Flag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The local moderator: curated phrase lists per category and language (English, Spanish, French,
 * German) plus {@link PersonalData}. A text is checked against the lists of its language and the
 * English ones, since learners fall back to English when they are stuck. The lists are short and
 * conservative: a missed insult costs less than a learner wrongly told off.
 */
public final class RuleModerator implements Moderator {

  private static final String LOCATION = "classpath*:moderation/rules/*/*.txt";
  private static final String FALLBACK_LANGUAGE = "en";

  private final Map<String, List<RuleList>> byLanguage;

  private RuleModerator(Map<String, List<RuleList>> byLanguage) {
    this.byLanguage = byLanguage;
  }

  /** The lists shipped in {@code moderation/rules/<category>/<language>.txt}. */
  public static RuleModerator builtIn() {
    var byLanguage = new TreeMap<String, List<RuleList>>();
    try {
      for (var resource : new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
        var path = resource.getURL().getPath();
        var parts = path.split("/");
        var category = ModerationCategory.fromWireName(parts[parts.length - 2]);
        var language = parts[parts.length - 1].replace(".txt", "");
        byLanguage
            .computeIfAbsent(language, l -> new ArrayList<>())
            .add(RuleList.load(category, language, resource.getInputStream()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the moderation rules", e);
    }
    if (byLanguage.isEmpty()) {
      throw new IllegalStateException("No moderation rules found at " + LOCATION);
    }
    return new RuleModerator(byLanguage);
  }

  /** Languages with rule lists, e.g. {@code [de, en, es, fr]}. */
  public Set<String> languages() {
    return byLanguage.keySet();
  }

  @Override
  public Verdict check(String text, String language) {
    if (text == null || text.isBlank()) {
      return Verdict.CLEAN;
    }
    var folded = Normalizer.fold(text);
    var flags = new ArrayList<Flag>();
    for (var lists : listsFor(language)) {
      for (var list : lists) {
        var spans = list.find(folded);
        if (!spans.isEmpty()) {
          flags.add(
              new Flag(
                  list.category(),
                  "matched the " + list.category().wireName() + " list (" + list.language() + ")",
                  spans));
        }
      }
    }
    flags.addAll(PersonalData.find(text));
    return new Verdict(flags);
  }

  private List<List<RuleList>> listsFor(String language) {
    var primary =
        language == null ? FALLBACK_LANGUAGE : language.split("[-_]")[0].toLowerCase(Locale.ROOT);
    var lists = new ArrayList<List<RuleList>>();
    lists.add(byLanguage.getOrDefault(primary, List.of()));
    if (!primary.equals(FALLBACK_LANGUAGE)) {
      lists.add(byLanguage.getOrDefault(FALLBACK_LANGUAGE, List.of()));
    }
    return lists;
  }
}
