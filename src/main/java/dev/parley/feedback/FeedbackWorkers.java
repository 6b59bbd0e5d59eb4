package dev.parley.feedback;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A few platform threads behind a bounded queue. Checks cost CPU, so they never get more threads
 * than configured, and a burst beyond the queue is dropped rather than buffered without bound.
 */
final class FeedbackWorkers implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FeedbackWorkers.class);

  private final ThreadPoolExecutor executor;
  private final FeedbackMetrics metrics;

  FeedbackWorkers(int workers, int queueCapacity, FeedbackMetrics metrics) {
    this.metrics = metrics;
    this.executor =
        new ThreadPoolExecutor(
            workers,
            workers,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(queueCapacity),
            Thread.ofPlatform().name("parley-feedback-", 1).daemon(true).factory());
  }

  /** Queues the work; returns at once, also when the work is dropped. */
  void submit(String what, Runnable work) {
    try {
      executor.execute(
          () -> {
            try {
              work.run();
            } catch (RuntimeException e) {
              log.warn("Feedback on {} failed: {}", what, e.toString());
            }
          });
    } catch (RejectedExecutionException e) {
      if (executor.isShutdown()) {
        log.debug("Feedback on {} skipped: shutting down", what);
      } else {
        metrics.dropped();
        log.warn("Feedback on {} dropped: {} checks are already waiting", what, queued());
      }
    }
  }

  int queued() {
    return executor.getQueue().size();
  }

  @Override
  public void close() throws InterruptedException {
    executor.shutdown();
    if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
      executor.shutdownNow();
    }
  }
}
