package dev.parley.feedback.vocabulary;

import dev.parley.feedback.CountParameter;
import dev.parley.feedback.LanguageFilter;
import dev.parley.learner.Learner;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The words a learner has used in their conversations. */
@RestController
class VocabularyController {

  static final int MAX_TOP = 50;
  static final int MAX_NEW_WORDS = 100;
  static final Duration NEW = Duration.ofDays(7);

  record Vocabulary(
      String language,
      long totalWords,
      long distinctWords,
      List<VocabularyStore.WordCount> top,
      List<VocabularyStore.NewWord> newWords) {}

  private final VocabularyStore store;
  private final Clock clock = Clock.systemUTC();

  VocabularyController(VocabularyStore store) {
    this.store = store;
  }

  @GetMapping("/api/learners/me/vocabulary")
  Vocabulary vocabulary(
      Learner learner,
      @RequestParam(required = false) String top,
      @RequestParam(required = false) String language) {
    int count = CountParameter.parse("top", top, 20, MAX_TOP);
    var filter = LanguageFilter.of(language);
    var totals = store.totals(learner.id(), filter);
    return new Vocabulary(
        filter.language(),
        totals.words(),
        totals.distinctWords(),
        store.top(learner.id(), filter, count),
        store.firstUsedSince(learner.id(), filter, clock.instant().minus(NEW), MAX_NEW_WORDS));
  }
}
