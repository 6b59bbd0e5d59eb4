package dev.parley.feedback.vocabulary;

import dev.parley.conversation.Session;
import dev.parley.conversation.TurnRecorded;
import dev.parley.conversation.TurnRedacted;
import dev.parley.conversation.TurnStatus;
import dev.parley.feedback.RecentRedactions;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/**
 * Counts the words of every turn the learner completed or interrupted, and takes back the words a
 * redaction removed. The count and the redaction of a turn come in either order: the one that comes
 * second does the work ({@link RecentRedactions}), so redacted words are never left counted.
 */
final class VocabularyListener implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(VocabularyListener.class);

  private final VocabularyStore store;
  private final RecentRedactions redactions = new RecentRedactions();
  // Its own threads, so the other listeners of the event do not wait for these writes.
  private final ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor();

  VocabularyListener(VocabularyStore store) {
    this.store = store;
  }

  @EventListener
  void turnRecorded(TurnRecorded event) {
    var turn = event.turn();
    if (turn.userText() == null || turn.status() == TurnStatus.FAILED) {
      return;
    }
    var session = event.session();
    var at = turn.createdAt() == null ? Instant.now() : turn.createdAt();
    write(
        turn.id(),
        () ->
            redactions.locked(
                session.id(),
                turn.number(),
                () -> {
                  var redacted = redactions.redactedText(session.id(), turn.number());
                  var text = redacted == null ? turn.userText() : redacted;
                  store.add(session.owner(), session.targetLanguage(), words(text, session), at);
                  redactions.handled(session.id(), turn.number());
                }));
  }

  @EventListener
  void turnRedacted(TurnRedacted event) {
    if (!event.userTextRedacted()) {
      return;
    }
    var session = event.session();
    var number = event.turn().number();
    var before = words(event.previous().userText(), session);
    var after = words(event.turn().userText(), session);
    write(
        event.turn().id(),
        () ->
            redactions.locked(
                session.id(),
                number,
                () -> {
                  redactions.redacted(session.id(), number, event.turn().userText());
                  if (redactions.wasHandled(session.id(), number)) {
                    store.take(session.owner(), session.targetLanguage(), removed(before, after));
                  }
                }));
  }

  private static Map<String, Integer> words(String text, Session session) {
    return Words.count(text, session.targetLanguage());
  }

  /** How many uses of each word {@code after} has fewer than {@code before}. */
  static Map<String, Integer> removed(Map<String, Integer> before, Map<String, Integer> after) {
    var removed = new HashMap<String, Integer>();
    before.forEach(
        (word, uses) -> {
          int fewer = uses - after.getOrDefault(word, 0);
          if (fewer > 0) {
            removed.put(word, fewer);
          }
        });
    return removed;
  }

  private void write(String turnId, Runnable work) {
    try {
      writers.execute(
          () -> {
            try {
              work.run();
            } catch (RuntimeException e) {
              log.warn("Words of turn {} not counted: {}", turnId, e.toString());
            }
          });
    } catch (RejectedExecutionException e) {
      log.debug("Words of turn {} not counted: shutting down", turnId);
    }
  }

  @Override
  public void close() {
    writers.close();
  }
}
