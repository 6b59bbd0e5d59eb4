package dev.parley.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SchedulingLagProbeTest {

  @Test
  void recordsHowLateEachWakeUpIsUntilClosed() throws Exception {
    var registry = new SimpleMeterRegistry();
    var interval = Duration.ofMillis(40);
    var probe = new SchedulingLagProbe(registry, interval);
    var lag = registry.get("parley.scheduling.lag").timer();
    assertThat(lag.count()).isZero();

    probe.start();
    await().atMost(10, TimeUnit.SECONDS).until(() -> lag.count() >= 5);
    probe.close();
    long afterClose = lag.count();
    Thread.sleep(interval.multipliedBy(3));

    assertThat(lag.count()).as("no wake-up after close").isEqualTo(afterClose);
    assertThat(lag.totalTime(TimeUnit.NANOSECONDS))
        .as("the lateness is recorded, not the sleep itself")
        .isLessThan(afterClose * (double) interval.toNanos());
  }
}
