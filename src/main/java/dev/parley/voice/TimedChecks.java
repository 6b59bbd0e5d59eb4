package dev.parley.voice;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Timeouts and watchdogs of the providers' streams. Each check runs on a virtual thread of its own:
 * on the common pool (one thread on a 2-core machine) a single blocked task would hold up every
 * stream's checks. A stream that ends calls its checks off, and they let go of it at once: a
 * pending check keeps what it would check reachable, and at a few hundred streams a second a 30 s
 * timeout left to run out holds thousands of finished streams and their buffers.
 */
public final class TimedChecks {

  /** A scheduled check; {@link #cancel()} drops it and what it refers to. */
  @FunctionalInterface
  public interface Check {
    void cancel();
  }

  // Its one thread only starts virtual threads, so it never waits on a check.
  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private TimedChecks() {}

  /** Runs {@code task} once {@code delay} has passed, on a virtual thread named {@code name}. */
  public static Check after(Duration delay, String name, Runnable task) {
    var due =
        TIMER.schedule(
            () -> Thread.ofVirtual().name(name).start(task), delay.toNanos(), TimeUnit.NANOSECONDS);
    return () -> due.cancel(false);
  }

  private static ScheduledThreadPoolExecutor timer() {
    var timer =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().name("parley-timed-checks").daemon().factory());
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }
}
