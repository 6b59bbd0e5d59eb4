package dev.parley.feedback.vocabulary;

import dev.parley.conversation.TurnRecorded;
import dev.parley.conversation.TurnStatus;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/** Counts the words of every turn the learner completed or interrupted. */
final class VocabularyListener implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(VocabularyListener.class);

  private final VocabularyStore store;
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
    try {
      writers.execute(
          () -> {
            try {
              store.add(
                  session.owner(),
                  session.targetLanguage(),
                  Words.count(turn.userText(), session.targetLanguage()),
                  turn.createdAt() == null ? Instant.now() : turn.createdAt());
            } catch (RuntimeException e) {
              log.warn("Words of turn {} not counted: {}", turn.id(), e.toString());
            }
          });
    } catch (RejectedExecutionException e) {
      log.debug("Words of turn {} not counted: shutting down", turn.id());
    }
  }

  @Override
  public void close() {
    writers.close();
  }
}
