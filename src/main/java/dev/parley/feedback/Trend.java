package dev.parley.feedback;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a learner's mistakes develop: counts per ISO week (UTC) and whether the mistakes per checked
 * utterance of the last 7 days are fewer (improving), more (worsening) or about as many (steady,
 * within 10 %) as in the 7 days before. Without checked utterances in both spans it is steady.
 */
record Trend(List<Week> weeks, String direction, Double recentRate, Double previousRate) {

  static final int WEEKS = 8;
  private static final Duration SPAN = Duration.ofDays(7);
  private static final double TOLERANCE = 0.1;

  /** One ISO week, e.g. {@code 2026-W07}. */
  public record Week(String week, long corrections, long utterances) {}

  /** The first instant the trend looks at. */
  static Instant since(Instant now) {
    var monday =
        now.atZone(ZoneOffset.UTC)
            .toLocalDate()
            .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
            .minusWeeks(WEEKS - 1);
    return monday.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /**
   * @param corrections when each correction counted was made
   * @param checks when each utterance was checked
   */
  static Trend of(List<Instant> corrections, List<Instant> checks, Instant now) {
    var start = since(now);
    var weeks = new ArrayList<Week>();
    for (int i = 0; i < WEEKS; i++) {
      var from = start.plus(Duration.ofDays(7L * i));
      var to = from.plus(SPAN);
      weeks.add(new Week(label(from), count(corrections, from, to), count(checks, from, to)));
    }
    var recentFrom = now.minus(SPAN);
    var previousFrom = recentFrom.minus(SPAN);
    var recent = rate(corrections, checks, recentFrom, now.plusNanos(1));
    var previous = rate(corrections, checks, previousFrom, recentFrom);
    return new Trend(weeks, direction(recent, previous), recent, previous);
  }

  private static String direction(Double recent, Double previous) {
    if (recent == null || previous == null) {
      return "steady";
    }
    if (recent < previous * (1 - TOLERANCE)) {
      return "improving";
    }
    if (recent > previous * (1 + TOLERANCE)) {
      return "worsening";
    }
    return "steady";
  }

  private static Double rate(
      List<Instant> corrections, List<Instant> checks, Instant from, Instant to) {
    long utterances = count(checks, from, to);
    return utterances == 0 ? null : (double) count(corrections, from, to) / utterances;
  }

  private static long count(List<Instant> times, Instant from, Instant to) {
    return times.stream().filter(t -> !t.isBefore(from) && t.isBefore(to)).count();
  }

  private static String label(Instant weekStart) {
    var date = weekStart.atZone(ZoneOffset.UTC).toLocalDate();
    return String.format(
        Locale.ROOT,
        "%d-W%02d",
        date.get(IsoFields.WEEK_BASED_YEAR),
        date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }
}
