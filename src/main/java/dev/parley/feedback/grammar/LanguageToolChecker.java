package dev.parley.feedback.grammar;

import dev.parley.character.CefrLevel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.languagetool.Language;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule-based checker: LanguageTool, offline, in-process. Thread-safe through a bounded pool of
 * instances per language variant; pools fill on demand, and {@link #warmUp()} builds one instance
 * per configured language ahead of the first learner.
 */
public final class LanguageToolChecker implements GrammarChecker, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LanguageToolChecker.class);

  /** A sentence per language with a mistake, so that warm-up also loads speller and rules. */
  private static final Map<String, String> WARM_UP_SENTENCES =
      Map.of(
          "en", "She go to school yesterday and buyed a apple.",
          "es", "Ayer yo va a la escuela con la problema.",
          "fr", "Hier il a manger une pomme a la maison.",
          "de", "Gestern gehe ich in der Schule mit ein Freund.");

  private final LanguageToolLanguages languages;
  private final Collection<String> configured;
  private final int poolSize;
  private final RuleMatchMapper mapper = new RuleMatchMapper();
  private final Map<String, LanguageToolPool> pools = new ConcurrentHashMap<>();
  private final Set<String> ready = ConcurrentHashMap.newKeySet();
  private volatile boolean warmingUp;
  private volatile boolean closed;

  /**
   * @param languages primary language subtags to check, e.g. {@code en}, {@code es}
   * @param poolSize LanguageTool instances per language variant, i.e. concurrent checks
   */
  public LanguageToolChecker(Collection<String> languages, int poolSize) {
    if (poolSize < 1) {
      throw new IllegalArgumentException("parley.feedback.grammar.pool-size must be at least 1");
    }
    this.configured = List.copyOf(languages);
    this.languages = new LanguageToolLanguages(Set.copyOf(languages));
    this.poolSize = poolSize;
  }

  @Override
  public boolean supports(String language) {
    return languages.resolve(language).isPresent();
  }

  @Override
  public List<Correction> check(String text, String language, CefrLevel level) {
    var resolved =
        languages
            .resolve(language)
            .orElseThrow(
                () ->
                    new GrammarCheckException(
                        "grammar_unsupported_language",
                        "No grammar checking for language '" + language + "'",
                        null));
    if (text == null || text.isBlank()) {
      return List.of();
    }
    var pool = pool(resolved);
    try {
      var corrections = new ArrayList<Correction>();
      for (var match : pool.check(text)) {
        mapper.toCorrection(text, match).ifPresent(corrections::add);
      }
      corrections.sort(Comparator.comparingInt(Correction::start));
      return List.copyOf(corrections);
    } catch (IOException | RuntimeException e) {
      throw new GrammarCheckException(
          "grammar_check_failed", "LanguageTool failed on a " + language + " text", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GrammarCheckException(
          "grammar_check_failed", "Interrupted while waiting for LanguageTool", e);
    }
  }

  /**
   * Builds one instance per configured language and runs a first check on it, which is what makes a
   * first check slow (3-7 s per language). Blocking; callers run it in the background. A check that
   * arrives meanwhile waits for the warmed instance.
   */
  public void warmUp() {
    warmingUp = true;
    try {
      warmEach();
    } finally {
      warmingUp = false;
    }
  }

  private void warmEach() {
    for (var language : configured) {
      if (closed) {
        return;
      }
      var started = System.nanoTime();
      try {
        var resolved = languages.resolve(language);
        if (resolved.isEmpty()) {
          log.warn("Grammar checking is not available for '{}'", language);
          continue;
        }
        pool(resolved.get()).warm(WARM_UP_SENTENCES.getOrDefault(language, "Hello."));
        ready.add(language);
        log.info(
            "Grammar checker ready for {} in {} ms",
            language,
            (System.nanoTime() - started) / 1_000_000);
      } catch (IOException | RuntimeException e) {
        log.warn("Grammar checker warm-up failed for {}: {}", language, e.getMessage(), e);
      }
    }
  }

  /** Whether {@link #warmUp()} is still loading languages. */
  public boolean warmingUp() {
    return warmingUp;
  }

  /** The configured languages, and those warmed up so far. */
  public Collection<String> languages() {
    return configured;
  }

  public Set<String> warmedUp() {
    return Set.copyOf(ready);
  }

  /** Stops a warm-up still running (the application is shutting down); checks keep working. */
  @Override
  public void close() {
    closed = true;
  }

  /** Instances built so far for a tag's language variant. */
  int instances(String language) {
    return languages.resolve(language).map(l -> pool(l).created()).orElse(0);
  }

  private LanguageToolPool pool(Language language) {
    return pools.computeIfAbsent(
        language.getShortCodeWithCountryAndVariant(),
        code -> new LanguageToolPool(language, poolSize));
  }
}
