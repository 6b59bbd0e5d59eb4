package dev.parley.monitoring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How late a virtual thread runs after it is due, as the histogram {@code
 * parley.scheduling.lag}: a probe sleeps a fixed interval and records how much longer it took.
 * Every hop of a voice turn waits the same way for a carrier thread (a socket read that became
 * ready, a timer that fired), so this is the delay the server adds to each hop when it is short
 * of CPU or a carrier is held: the JVM's equivalent of an event loop's lag.
 */
final class SchedulingLagProbe implements AutoCloseable {

  private final Duration interval;
  private final Timer lag;
  private final Thread thread;

  SchedulingLagProbe(MeterRegistry registry, Duration interval) {
    this.interval = interval;
    this.lag =
        Timer.builder("parley.scheduling.lag")
            .description(
                "How much later than due a sleeping virtual thread ran again: the delay each hop"
                    + " of a turn waits for a carrier thread")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1).dividedBy(10))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
    this.thread = Thread.ofVirtual().name("scheduling-lag-probe").unstarted(this::measure);
  }

  void start() {
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
      lag.record(Math.max(0, System.nanoTime() - before - intervalNanos), TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void close() throws InterruptedException {
    thread.interrupt();
    thread.join();
  }
}
