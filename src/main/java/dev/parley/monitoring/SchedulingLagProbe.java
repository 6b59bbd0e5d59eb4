package dev.parley.monitoring;

import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * How late a virtual thread runs after it is due: the probe sleeps a fixed interval and reports how
 * much longer it took. Every hop of a voice turn waits the same way for a carrier thread (a socket
 * read that became ready, a timer that fired), so this is the delay a JVM adds to each hop when it
 * is short of CPU or a carrier is held: its equivalent of an event loop's lag.
 */
public final class SchedulingLagProbe implements AutoCloseable {

  private final Duration interval;
  private final LongConsumer lateNanos;
  private final Thread thread;

  /** Reports each wake-up's lateness in nanoseconds to {@code lateNanos}, once started. */
  public SchedulingLagProbe(Duration interval, LongConsumer lateNanos) {
    this.interval = interval;
    this.lateNanos = lateNanos;
    this.thread = Thread.ofVirtual().name("scheduling-lag-probe").unstarted(this::measure);
  }

  public void start() {
    thread.start();
  }

  private void measure() {
    long intervalNanos = interval.toNanos();
    while (!Thread.currentThread().isInterrupted()) {
      long before = System.nanoTime();
      try {
        Thread.sleep(interval);
      } catch (InterruptedException e) {
        return;
      }
      lateNanos.accept(Math.max(0, System.nanoTime() - before - intervalNanos));
    }
  }

  @Override
  public void close() throws InterruptedException {
    thread.interrupt();
    thread.join();
  }
}
