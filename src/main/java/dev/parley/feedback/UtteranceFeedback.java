package dev.parley.feedback;

import dev.parley.conversation.LearnerSpoke;
import dev.parley.conversation.LiveSessions;
import dev.parley.feedback.grammar.Correction;
import dev.parley.feedback.grammar.GrammarCheckException;
import dev.parley.feedback.grammar.GrammarChecker;
import dev.parley.feedback.grammar.MistakeCategory;
import dev.parley.ids.TimeOrderedIds;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Checks one learner utterance, stores what to correct, and tells the learner's open clients (a
 * {@code feedback} event, also when there is nothing to correct). Runs on a feedback worker.
 * Storing and telling happen under the turn's lock in {@link RecentRedactions}, so that a redaction
 * of the turn comes either before (and is applied here) or after (and is applied to what was
 * stored, {@link UtteranceRedaction}).
 */
final class UtteranceFeedback {

  private static final Logger log = LoggerFactory.getLogger(UtteranceFeedback.class);

  /** In a transcript the speech recognizer chose these, not the learner. */
  private static final Set<MistakeCategory> DECIDED_BY_RECOGNIZER =
      EnumSet.of(MistakeCategory.CAPITALIZATION, MistakeCategory.PUNCTUATION);

  private final ObjectProvider<GrammarChecker> checkers;
  private final FeedbackStore store;
  private final LiveSessions live;
  private final ApplicationEventPublisher events;
  private final FeedbackMetrics metrics;
  private final RecentRedactions redactions;
  private final Clock clock;
  private final AtomicBoolean missingReported = new AtomicBoolean();

  UtteranceFeedback(
      ObjectProvider<GrammarChecker> checkers,
      FeedbackStore store,
      LiveSessions live,
      ApplicationEventPublisher events,
      FeedbackMetrics metrics,
      RecentRedactions redactions,
      Clock clock) {
    this.checkers = checkers;
    this.store = store;
    this.live = live;
    this.events = events;
    this.metrics = metrics;
    this.redactions = redactions;
    this.clock = clock;
  }

  void check(LearnerSpoke spoke) {
    var checker = checker();
    if (checker == null) {
      return;
    }
    var session = spoke.session();
    var language = session.targetLanguage();
    if (!checker.supports(language)) {
      log.debug("No grammar feedback for session {}: {} is not supported", session.id(), language);
      return;
    }
    // Moderation may have redacted the turn already: then only the redacted text is checked.
    var redacted = redactions.redactedText(session.id(), spoke.turnNumber());
    var text = redacted == null ? spoke.text() : redacted;
    var started = System.nanoTime();
    List<Correction> found;
    try {
      found = checker.check(text, language, session.level());
    } catch (GrammarCheckException e) {
      metrics.checked(Duration.ofNanos(System.nanoTime() - started), "failed");
      log.warn(
          "Grammar check of turn {} of session {} failed: {} {}",
          spoke.turnNumber(),
          session.id(),
          e.code(),
          e.getMessage());
      return;
    }
    metrics.checked(Duration.ofNanos(System.nanoTime() - started), "checked");
    var corrections = kept(found, text, spoke.spoken());
    var checked = redacted == null ? corrections : RedactionMap.outsideMarkers(corrections, text);
    redactions.locked(session.id(), spoke.turnNumber(), () -> store(spoke, text, checked));
  }

  /** Stores the check, or its redaction when the turn was redacted while it ran. */
  private void store(LearnerSpoke spoke, String checkedText, List<Correction> found) {
    var session = spoke.session();
    var text = checkedText;
    var corrections = found;
    var redacted = redactions.redactedText(session.id(), spoke.turnNumber());
    if (redacted != null && !redacted.equals(text)) {
      corrections = RedactionMap.of(text, redacted).carry(corrections);
      text = redacted;
    }
    var checked =
        new CheckedUtterance(
            TimeOrderedIds.next(),
            session.owner(),
            session.id(),
            spoke.turnNumber(),
            session.targetLanguage(),
            text,
            spoke.spoken(),
            clock.instant());
    store.save(checked, corrections);
    metrics.corrections(corrections);
    // Review exercises are stored before the client hears of the feedback, so it can read them.
    events.publishEvent(
        new UtteranceChecked(
            session.owner(),
            session.id(),
            spoke.turnNumber(),
            session.targetLanguage(),
            text,
            corrections,
            checked.checkedAt()));
    live.push(session.id(), "feedback", event(spoke.turnNumber(), text, corrections));
  }

  /** The checker, resolved on a worker since building one may take seconds. */
  private GrammarChecker checker() {
    var checker = checkers.getIfAvailable();
    if (checker == null && missingReported.compareAndSet(false, true)) {
      log.info("No grammar checker is configured: learner utterances get no feedback");
    }
    return checker;
  }

  /**
   * The corrections to show: without those a speech recognizer decided, and each pointing at its
   * words in the text (a correction whose words are not there is dropped).
   */
  static List<Correction> kept(List<Correction> found, String text, boolean spoken) {
    var kept = new ArrayList<Correction>();
    for (var correction : found) {
      if (spoken && DECIDED_BY_RECOGNIZER.contains(correction.category())) {
        continue;
      }
      var located = located(correction, text);
      if (located != null) {
        kept.add(located);
      } else {
        log.debug("Correction '{}' is not in the checked text: dropped", correction.original());
      }
    }
    return kept;
  }

  private static Correction located(Correction correction, String text) {
    int start = correction.start();
    int end = correction.end();
    if (start >= 0
        && end <= text.length()
        && start <= end
        && text.substring(start, end).equals(correction.original())) {
      return correction;
    }
    int found = correction.original().isEmpty() ? -1 : text.indexOf(correction.original());
    if (found < 0) {
      return null;
    }
    return correction.at(found);
  }

  static Map<String, Object> event(int number, String text, List<Correction> corrections) {
    var payload = new LinkedHashMap<String, Object>();
    payload.put("number", number);
    payload.put("text", text);
    payload.put("corrections", corrections.stream().map(UtteranceFeedback::view).toList());
    return payload;
  }

  private static Map<String, Object> view(Correction correction) {
    var view = new LinkedHashMap<String, Object>();
    view.put("start", correction.start());
    view.put("end", correction.end());
    view.put("original", correction.original());
    view.put("suggestion", correction.suggestion());
    view.put("category", correction.category().wireName());
    view.put("explanation", correction.explanation());
    view.put("source", correction.source().name().toLowerCase(java.util.Locale.ROOT));
    return view;
  }
}
