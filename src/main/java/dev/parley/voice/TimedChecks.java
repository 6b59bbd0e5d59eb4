package dev.parley.voice;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Timeouts and watchdogs of the providers' streams. Each runs on a virtual thread of its own: on the
 * common pool (one thread on a 2-core machine) a single blocked task would hold up every stream's
 * checks.
 */
public final class TimedChecks {

  private TimedChecks() {}

  /** Runs what it is given once {@code delay} has passed, on a virtual thread named {@code name}. */
  public static Executor after(Duration delay, String name) {
    return CompletableFuture.delayedExecutor(
        delay.toMillis(), TimeUnit.MILLISECONDS, task -> Thread.ofVirtual().name(name).start(task));
  }
}
