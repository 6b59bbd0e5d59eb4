package dev.parley.hint;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads that wait on the model for hints: a few at once and a short queue, so a flood of
 * requests gets "ask again" instead of piling up. Not an {@code Executor} bean, which would replace
 * Spring's own task executor.
 */
final class HintWorkers implements AutoCloseable {

  private static final int WORKERS = 4;
  private static final int QUEUE = 64;

  private final ThreadPoolExecutor executor =
      new ThreadPoolExecutor(
          WORKERS,
          WORKERS,
          0,
          TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(QUEUE),
          Thread.ofVirtual().name("hint-", 0).factory());

  /**
   * @throws RejectedExecutionException when the queue is full
   */
  void run(Runnable task) {
    executor.execute(task);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
