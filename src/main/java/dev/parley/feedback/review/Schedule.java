package dev.parley.feedback.review;

/**
 * The SM-2 state of one review item (SuperMemo 2, Woźniak 1990).
 *
 * @param repetitions correct answers in a row
 * @param intervalDays days from the last answer to the next review
 * @param easeFactor how fast the interval grows; 2.5 at first, never below 1.3
 */
record Schedule(int repetitions, int intervalDays, double easeFactor) {

  static final double INITIAL_EASE = 2.5;
  static final double MIN_EASE = 1.3;

  /**
   * A hundred years, as in Anki. Without a ceiling the interval grows geometrically with every
   * correct answer (an answer is graded whether or not the item is due): after about twenty the
   * due date passes what a database timestamp holds and the int overflows.
   */
  static final int MAX_INTERVAL_DAYS = 36_500;

  /** A new item: due at once. */
  static Schedule initial() {
    return new Schedule(0, 0, INITIAL_EASE);
  }

  /**
   * The state after an answer graded {@code quality} (0 worst … 5 perfect): from 3 up the interval
   * grows (1 day, 6 days, then the previous interval times the ease factor, rounded); below 3 the
   * repetitions start again with 1 day. The ease factor moves by 0.1 − (5 − q)(0.08 + (5 − q) 0.02)
   * either way. The interval never exceeds {@link #MAX_INTERVAL_DAYS}.
   */
  Schedule after(int quality) {
    if (quality < 0 || quality > 5) {
      throw new IllegalArgumentException("SM-2 quality is 0 to 5, not " + quality);
    }
    int nextRepetitions;
    int nextInterval;
    if (quality >= 3) {
      nextInterval =
          switch (repetitions) {
            case 0 -> 1;
            case 1 -> 6;
            default -> (int) Math.min(MAX_INTERVAL_DAYS, Math.round(intervalDays * easeFactor));
          };
      nextRepetitions = repetitions + 1;
    } else {
      nextRepetitions = 0;
      nextInterval = 1;
    }
    int miss = 5 - quality;
    double ease = easeFactor + (0.1 - miss * (0.08 + miss * 0.02));
    return new Schedule(nextRepetitions, nextInterval, Math.max(MIN_EASE, ease));
  }
}
