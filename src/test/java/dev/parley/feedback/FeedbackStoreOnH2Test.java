package dev.parley.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.feedback.grammar.Correction;
import dev.parley.feedback.grammar.MistakeCategory;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The default install runs on H2: the feedback and profile queries must work there too. */
class FeedbackStoreOnH2Test {

  final H2Database db = new H2Database();
  final FeedbackStore store = new FeedbackStore(db.jdbc, db.transactions);

  @Test
  void storesChecksAndAnswersTheProfile() {
    var session = db.session("ana", "en-GB");
    var now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    store.save(check(session, 1, "She go home", now), List.of(tense()));
    store.save(check(session, 2, "Fine", now), List.of());
    // A turn checked again (its number was reused) replaces the earlier check.
    store.save(check(session, 2, "She go out", now), List.of(tense()));

    assertThat(store.utterances(session))
        .extracting(CheckedUtterance::text)
        .containsExactly("She go home", "She go out");
    assertThat(store.corrections(session)).hasSize(2);
    var en = LanguageFilter.of("en");
    assertThat(store.categoryCounts("ana", en, 5))
        .containsExactly(new FeedbackStore.CategoryCount("verb-tense", 2));
    assertThat(store.categoryCounts("ana", LanguageFilter.of("es"), 5)).isEmpty();
    assertThat(store.categoryCounts("bob", LanguageFilter.ANY, 5)).isEmpty();
    assertThat(store.utteranceCount("ana", LanguageFilter.of("en-gb"))).isEqualTo(2);
    assertThat(store.correctionTimes("ana", en, "verb-tense", now.minusSeconds(60))).hasSize(2);
    assertThat(store.checkTimes("ana", en, now.plusSeconds(60))).isEmpty();
    assertThat(store.latest("ana", en, "verb-tense", 3))
        .extracting(StoredCorrection::utterance)
        .containsExactlyInAnyOrder("She go home", "She go out");

    var profile = new MistakeProfile(store, Clock.systemUTC()).of("ana", en, 5);
    assertThat(profile.totals()).isEqualTo(new MistakeProfile.Totals(2, 2));
    assertThat(profile.categories().getFirst().examples()).hasSize(2);
  }

  private static CheckedUtterance check(String session, int turn, String text, Instant at) {
    return new CheckedUtterance(
        java.util.UUID.randomUUID().toString(), "ana", session, turn, "en-GB", text, false, at);
  }

  private static Correction tense() {
    return new Correction(
        0,
        6,
        "She go",
        "She went",
        MistakeCategory.VERB_TENSE,
        "R",
        "Past.",
        Correction.Source.RULES);
  }
}
