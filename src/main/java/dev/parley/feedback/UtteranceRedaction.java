package dev.parley.feedback;

import dev.parley.conversation.LiveSessions;
import dev.parley.conversation.TurnRedacted;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;

/**
 * Redacts feedback the way the turn was redacted: the stored utterance takes the redacted text,
 * corrections that touch a redacted span are dropped and the others moved ({@link RedactionMap}),
 * review items follow ({@link UtteranceRedacted}), and connected clients get the turn's {@code
 * feedback} again. A check still to come finds the redaction noted in {@link RecentRedactions}.
 */
final class UtteranceRedaction implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(UtteranceRedaction.class);

  private final FeedbackStore store;
  private final RecentRedactions redactions;
  private final LiveSessions live;
  private final ApplicationEventPublisher events;
  // Its own threads, so the other listeners of the event do not wait for these writes.
  private final ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor();

  UtteranceRedaction(
      FeedbackStore store,
      RecentRedactions redactions,
      LiveSessions live,
      ApplicationEventPublisher events) {
    this.store = store;
    this.redactions = redactions;
    this.live = live;
    this.events = events;
  }

  @EventListener
  void turnRedacted(TurnRedacted event) {
    if (!event.userTextRedacted()) {
      return;
    }
    var sessionId = event.session().id();
    int number = event.turn().number();
    var text = event.turn().userText();
    try {
      writers.execute(
          () -> {
            try {
              redactions.locked(sessionId, number, () -> redact(sessionId, number, text));
            } catch (RuntimeException e) {
              log.warn(
                  "Feedback on turn {} of session {} not redacted: {}",
                  number,
                  sessionId,
                  e.toString());
            }
          });
    } catch (RejectedExecutionException e) {
      log.warn("Feedback on turn {} of session {} not redacted: shutting down", number, sessionId);
    }
  }

  private void redact(String sessionId, int number, String text) {
    redactions.redacted(sessionId, number, text);
    var checked = store.utterance(sessionId, number).filter(u -> !u.text().equals(text));
    if (checked.isEmpty()) {
      return; // not checked yet (the check will read the note), never, or already redacted
    }
    var previous = checked.get();
    var corrections =
        RedactionMap.of(previous.text(), text).carry(store.correctionsOf(previous.id()));
    store.save(previous.withText(text), corrections);
    events.publishEvent(
        new UtteranceRedacted(
            previous.owner(),
            sessionId,
            number,
            previous.language(),
            previous.text(),
            text,
            corrections));
    live.push(sessionId, "feedback", UtteranceFeedback.event(number, text, corrections));
  }

  @Override
  public void close() {
    writers.close();
  }
}
