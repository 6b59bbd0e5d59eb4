package dev.parley.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fakes' configured provider delays. {@code Thread.sleep} on a busy machine wakes 0.5–2 ms
 * late, which a latency benchmark would count as the server's time; with {@link #precise} on, a
 * delay sleeps until its last millisecond and spins through it, at most {@link #MAX_SPINNERS}
 * threads at a time so that many concurrent delays cannot eat the client's CPU.
 */
public final class Delays {

  private static final long SPIN_NANOS = 1_000_000;
  private static final int MAX_SPINNERS = 2;
  private static final AtomicInteger spinners = new AtomicInteger();
  private static volatile boolean precise;

  private Delays() {}

  /** Spin the last millisecond of each delay (the benchmark's few-session runs). */
  public static void precise(boolean on) {
    precise = on;
  }

  /** Returns at {@code dueNanos} ({@link System#nanoTime()}), or at once if it has passed. */
  static void sleepUntil(long dueNanos) throws InterruptedException {
    long left = dueNanos - System.nanoTime();
    if (!precise) {
      if (left > 0) {
        Thread.sleep(Duration.ofNanos(left));
      }
      return;
    }
    if (left > SPIN_NANOS) {
      Thread.sleep(Duration.ofNanos(left - SPIN_NANOS));
    }
    if (spinners.incrementAndGet() > MAX_SPINNERS) {
      spinners.decrementAndGet();
      left = dueNanos - System.nanoTime();
      if (left > 0) {
        Thread.sleep(Duration.ofNanos(left));
      }
      return;
    }
    try {
      while (System.nanoTime() < dueNanos) {
        Thread.onSpinWait();
      }
    } finally {
      spinners.decrementAndGet();
    }
  }
}
