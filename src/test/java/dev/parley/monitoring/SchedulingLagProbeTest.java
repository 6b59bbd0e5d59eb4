package dev.parley.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SchedulingLagProbeTest {

  @Test
  void reportsHowLateEachWakeUpIsUntilClosed() throws Exception {
    var interval = Duration.ofMillis(40);
    var late = new ConcurrentLinkedQueue<Long>();
    var probe = new SchedulingLagProbe(interval, late::add);

    probe.start();
    await().atMost(10, TimeUnit.SECONDS).until(() -> late.size() >= 5);
    probe.close();
    int afterClose = late.size();
    Thread.sleep(interval.multipliedBy(3));

    assertThat(late).as("no wake-up after close").hasSize(afterClose);
    assertThat(late).allSatisfy(nanos -> assertThat(nanos).isNotNegative());
    assertThat(late.stream().mapToLong(Long::longValue).sum())
        .as("the lateness is reported, not the sleep itself")
        .isLessThan(afterClose * interval.toNanos());
  }
}
