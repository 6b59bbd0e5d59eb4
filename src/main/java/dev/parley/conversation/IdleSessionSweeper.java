package dev.parley.conversation;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Finishes idle sessions in the background; access finishes them too, this keeps the status right
 * for sessions nobody looks at.
 */
final class IdleSessionSweeper implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(IdleSessionSweeper.class);

  private final ConversationService conversations;
  private final Duration interval;
  private ScheduledExecutorService scheduler;

  IdleSessionSweeper(ConversationService conversations, Duration interval) {
    this.conversations = conversations;
    this.interval = interval;
  }

  @Override
  public synchronized void start() {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("idle-session-sweeper").factory());
    scheduler.scheduleWithFixedDelay(
        this::sweep, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    scheduler.shutdownNow();
    scheduler = null;
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }

  private void sweep() {
    try {
      int finished = conversations.finishIdleSessions();
      if (finished > 0) {
        log.info("Finished {} idle sessions", finished);
      }
    } catch (RuntimeException e) {
      log.warn("Idle session sweep failed: {}", e.toString());
    }
  }
}
