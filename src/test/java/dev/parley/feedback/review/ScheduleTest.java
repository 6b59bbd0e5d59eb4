package dev.parley.feedback.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The SM-2 arithmetic, without Spring. */
class ScheduleTest {

  @Test
  void aNewItemIsDueAtOnceWithTheStartingEase() {
    assertThat(Schedule.initial()).isEqualTo(new Schedule(0, 0, 2.5));
  }

  @Test
  void perfectAnswersGrowTheIntervalOneSixThenTimesTheEase() {
    var first = Schedule.initial().after(5);
    assertThat(first.repetitions()).isEqualTo(1);
    assertThat(first.intervalDays()).isEqualTo(1);
    assertThat(first.easeFactor()).isCloseTo(2.6, within(1e-9));
    var second = first.after(5);
    assertThat(second.intervalDays()).isEqualTo(6);
    assertThat(second.easeFactor()).isCloseTo(2.7, within(1e-9));
    var third = second.after(5);
    assertThat(third.intervalDays()).isEqualTo(16); // round(6 × 2.7)
    assertThat(third.easeFactor()).isCloseTo(2.8, within(1e-9));
    assertThat(third.after(5).intervalDays()).isEqualTo(45); // round(16 × 2.8)
  }

  @Test
  void theEaseMovesByTheClassicFormula() {
    // EF' = EF + (0.1 − (5 − q)(0.08 + (5 − q) 0.02))
    assertThat(new Schedule(2, 6, 2.5).after(4).easeFactor()).isCloseTo(2.5, within(1e-9));
    assertThat(new Schedule(2, 6, 2.5).after(3).easeFactor()).isCloseTo(2.36, within(1e-9));
    assertThat(new Schedule(2, 6, 2.5).after(1).easeFactor()).isCloseTo(1.96, within(1e-9));
    assertThat(new Schedule(2, 6, 2.5).after(0).easeFactor()).isCloseTo(1.7, within(1e-9));
  }

  @Test
  void theEaseNeverFallsBelowOnePointThree() {
    assertThat(new Schedule(0, 1, 1.4).after(0).easeFactor()).isEqualTo(1.3);
    assertThat(new Schedule(0, 1, 1.3).after(3).easeFactor()).isEqualTo(1.3);
  }

  @Test
  void aFailedAnswerStartsTheRepetitionsAgain() {
    var failed = new Schedule(4, 40, 2.2).after(2);
    assertThat(failed.repetitions()).isZero();
    assertThat(failed.intervalDays()).isEqualTo(1);
    assertThat(failed.after(4).intervalDays()).isEqualTo(1);
    assertThat(failed.after(4).after(4).intervalDays()).isEqualTo(6);
  }

  @Test
  void aHardCorrectAnswerStillCountsAsARepetition() {
    var hard = new Schedule(2, 6, 2.0).after(3);
    assertThat(hard.repetitions()).isEqualTo(3);
    assertThat(hard.intervalDays()).isEqualTo(12); // with the ease before the answer
    assertThat(hard.easeFactor()).isCloseTo(1.86, within(1e-9));
  }

  @Test
  void qualityIsZeroToFive() {
    assertThatThrownBy(() -> Schedule.initial().after(6))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Schedule.initial().after(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void manyCorrectAnswersInARowStopAtAHundredYears() {
    var schedule = Schedule.initial();
    for (int i = 0; i < 60; i++) {
      schedule = schedule.after(5);
      assertThat(schedule.intervalDays()).isBetween(1, Schedule.MAX_INTERVAL_DAYS);
    }
    assertThat(schedule.intervalDays()).isEqualTo(36_500);
  }
}
