package dev.parley.feedback.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.feedback.H2Database;
import dev.parley.feedback.LanguageFilter;
import dev.parley.feedback.UtteranceChecked;
import dev.parley.feedback.grammar.Correction;
import dev.parley.feedback.grammar.MistakeCategory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Review items on H2, as in the default install. */
class ReviewStoreOnH2Test {

  final H2Database db = new H2Database();
  final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  final ReviewService review =
      new ReviewService(new ReviewStore(db.jdbc), Clock.fixed(now, ZoneOffset.UTC));

  @Test
  void oneItemPerMistakeDueUntilAnswered() {
    review.utteranceChecked(checked("Yesterday She go out", 10, now.minusSeconds(5)));
    review.utteranceChecked(checked("She go home", 0, now.minusSeconds(1)));

    var due = review.due("ana", LanguageFilter.of("en"), 5);
    assertThat(due).hasSize(1);
    var item = due.getFirst();
    assertThat(item.sentence()).isEqualTo("She go home");
    assertThat(item.corrected()).isEqualTo("She went home");
    assertThat(item.hint()).isEqualTo("[[She go]] home");
    assertThat(review.due("bob", LanguageFilter.ANY, 5)).isEmpty();

    var graded = review.answer("ana", item.id(), "She went home.", false);
    assertThat(graded.correct()).isTrue();
    assertThat(graded.nextDue()).isEqualTo(now.plus(1, ChronoUnit.DAYS));
    assertThat(review.due("ana", LanguageFilter.ANY, 5)).isEmpty();
  }

  private static UtteranceChecked checked(String text, int start, Instant at) {
    var correction =
        new Correction(
            start,
            start + 6,
            "She go",
            "She went",
            MistakeCategory.VERB_TENSE,
            "R",
            "Past.",
            Correction.Source.RULES);
    return new UtteranceChecked("ana", "s1", 1, "en-GB", text, List.of(correction), at);
  }
}
