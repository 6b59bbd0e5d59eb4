package dev.parley.feedback;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** A learner's mistakes: what they get wrong most, whether it gets better, recent examples. */
final class MistakeProfile {

  static final int EXAMPLES = 3;

  record View(String language, Totals totals, Trend trend, List<CategoryView> categories) {}

  record Totals(long utterancesChecked, long corrections) {}

  record CategoryView(String category, long count, Trend trend, List<Example> examples) {}

  record Example(
      String utterance, String original, String suggestion, String explanation, Instant when) {}

  private final FeedbackStore store;
  private final Clock clock;

  MistakeProfile(FeedbackStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  View of(String owner, LanguageFilter filter, int top) {
    var now = clock.instant();
    var since = Trend.since(now);
    var checks = store.checkTimes(owner, filter, since);
    var categories =
        store.categoryCounts(owner, filter, top).stream()
            .map(
                count ->
                    new CategoryView(
                        count.category(),
                        count.count(),
                        Trend.of(
                            store.correctionTimes(owner, filter, count.category(), since),
                            checks,
                            now),
                        store.latest(owner, filter, count.category(), EXAMPLES).stream()
                            .map(
                                c ->
                                    new Example(
                                        c.utterance(),
                                        c.original(),
                                        c.suggestion(),
                                        c.explanation(),
                                        c.createdAt()))
                            .toList()))
            .toList();
    return new View(
        filter.language(),
        new Totals(store.utteranceCount(owner, filter), store.correctionCount(owner, filter)),
        Trend.of(store.correctionTimes(owner, filter, null, since), checks, now),
        categories);
  }
}
