package dev.parley.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrendTest {

  // A Wednesday, in ISO week 2026-W03.
  static final Instant NOW = Instant.parse("2026-01-14T12:00:00Z");

  @Test
  void eightIsoWeeksOldestFirst() {
    var trend =
        Trend.of(
            List.of(NOW.minus(days(1)), NOW.minus(days(2)), NOW.minus(days(20))),
            List.of(NOW.minus(days(1))),
            NOW);
    assertThat(trend.weeks())
        .extracting(Trend.Week::week)
        .containsExactly(
            "2025-W48",
            "2025-W49",
            "2025-W50",
            "2025-W51",
            "2025-W52",
            "2026-W01",
            "2026-W02",
            "2026-W03");
    assertThat(trend.weeks().getLast().corrections()).isEqualTo(2);
    assertThat(trend.weeks().getLast().utterances()).isEqualTo(1);
    assertThat(trend.weeks().get(4).corrections()).isEqualTo(1); // 25 December, in 2025-W52
    assertThat(Trend.since(NOW)).isEqualTo(Instant.parse("2025-11-24T00:00:00Z"));
  }

  @Test
  void fewerMistakesPerUtteranceIsImproving() {
    // Previous week: 4 mistakes in 2 utterances; this week 1 in 2.
    var trend = Trend.of(times(4, 10, 1, 3), times(2, 10, 2, 3), NOW);
    assertThat(trend.previousRate()).isEqualTo(2.0);
    assertThat(trend.recentRate()).isEqualTo(0.5);
    assertThat(trend.direction()).isEqualTo("improving");
  }

  @Test
  void moreMistakesPerUtteranceIsWorsening() {
    assertThat(Trend.of(times(1, 10, 3, 3), times(2, 10, 2, 3), NOW).direction())
        .isEqualTo("worsening");
  }

  @Test
  void withinTenPercentOrWithoutDataIsSteady() {
    assertThat(Trend.of(times(10, 10, 21, 3), times(10, 10, 20, 3), NOW).direction())
        .isEqualTo("steady");
    var noPrevious = Trend.of(times(0, 10, 3, 3), times(0, 10, 2, 3), NOW);
    assertThat(noPrevious.previousRate()).isNull();
    assertThat(noPrevious.direction()).isEqualTo("steady");
  }

  /** {@code previous} instants 10 days ago and {@code recent} ones 3 days ago. */
  private static List<Instant> times(int previous, int previousDaysAgo, int recent, int daysAgo) {
    var times = new ArrayList<Instant>();
    times.addAll(Collections.nCopies(previous, NOW.minus(days(previousDaysAgo))));
    times.addAll(Collections.nCopies(recent, NOW.minus(days(daysAgo))));
    return times;
  }

  private static Duration days(int days) {
    return Duration.ofDays(days);
  }
}
