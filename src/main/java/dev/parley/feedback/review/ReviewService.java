package dev.parley.feedback.review;

import dev.parley.feedback.LanguageFilter;
import dev.parley.feedback.UtteranceChecked;
import dev.parley.feedback.UtteranceRedacted;
import dev.parley.feedback.grammar.Correction;
import dev.parley.ids.TimeOrderedIds;
import dev.parley.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.springframework.context.event.EventListener;

/** Turns corrections into review items and grades the learner's answers by SM-2. */
final class ReviewService {

  static final int QUALITY_CORRECT = 5;
  static final int QUALITY_CORRECT_WITH_HINT = 3;
  static final int QUALITY_WRONG = 1;

  record Graded(
      boolean correct, String expected, String explanation, Instant nextDue, int intervalDays) {}

  private final ReviewStore store;
  private final Clock clock;

  ReviewService(ReviewStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Runs on the feedback worker that checked the utterance. */
  @EventListener
  void utteranceChecked(UtteranceChecked checked) {
    for (var correction : checked.corrections()) {
      store.addOrRefresh(item(checked, correction));
    }
  }

  /**
   * The exercises quoting the sentence before its redaction: those whose mistake is still among the
   * kept corrections quote the redacted sentence, the others go.
   */
  @EventListener
  void utteranceRedacted(UtteranceRedacted redacted) {
    for (var item : store.quoting(redacted.owner(), redacted.language(), redacted.previousText())) {
      redacted.corrections().stream()
          .filter(c -> c.category().wireName().equals(item.category()))
          .filter(c -> mistakeKey(c).equals(item.mistakeKey()))
          .findFirst()
          .ifPresentOrElse(
              kept ->
                  store.requote(
                      item.id(),
                      redacted.text(),
                      kept.start(),
                      kept.end(),
                      corrected(redacted.text(), kept)),
              () -> store.delete(item.id()));
    }
  }

  private ReviewItem item(UtteranceChecked checked, Correction correction) {
    var text = checked.text();
    var corrected = corrected(text, correction);
    return new ReviewItem(
        TimeOrderedIds.next(),
        checked.owner(),
        checked.language(),
        correction.category().wireName(),
        mistakeKey(correction),
        correction.original(),
        correction.suggestion(),
        correction.explanation(),
        text,
        correction.start(),
        correction.end(),
        corrected,
        Schedule.initial(),
        checked.checkedAt(),
        checked.checkedAt(),
        null);
  }

  private static String corrected(String text, Correction correction) {
    return text.substring(0, correction.start())
        + correction.suggestion()
        + text.substring(correction.end());
  }

  List<ReviewItem> due(String owner, LanguageFilter filter, int limit) {
    return store.due(owner, filter, clock.instant(), limit);
  }

  /** Grades an answer: 5 when right, 3 when right with the hint shown, 1 when wrong. */
  Graded answer(String owner, String itemId, String text, boolean hinted) {
    if (text == null || text.isBlank()) {
      throw ApiException.badRequest("answer_blank", "Write the sentence without the mistake");
    }
    var item =
        store
            .find(owner, itemId)
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "review_item_not_found", "No review item '" + itemId + "'"));
    boolean correct =
        AnswerGrader.correct(text, item.original(), item.suggestion(), item.corrected());
    int quality = !correct ? QUALITY_WRONG : hinted ? QUALITY_CORRECT_WITH_HINT : QUALITY_CORRECT;
    var schedule = item.schedule().after(quality);
    var now = clock.instant();
    var due = now.plus(Duration.ofDays(schedule.intervalDays()));
    store.answered(item, schedule, now, due);
    return new Graded(correct, item.corrected(), item.explanation(), due, schedule.intervalDays());
  }

  /** One key per distinct mistake, whatever its case, spacing or punctuation. */
  static String mistakeKey(Correction correction) {
    var normalized =
        String.join(" ", AnswerGrader.words(correction.original()))
            + "\n"
            + String.join(" ", AnswerGrader.words(correction.suggestion()));
    try {
      var digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(normalized.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }
}
