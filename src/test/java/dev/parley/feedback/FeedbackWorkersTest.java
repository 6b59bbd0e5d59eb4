package dev.parley.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FeedbackWorkersTest {

  @Test
  void aFullQueueDropsTheCheckAndCountsIt() throws Exception {
    var registry = new SimpleMeterRegistry();
    var release = new CountDownLatch(1);
    var started = new CountDownLatch(1);
    var ran = new AtomicInteger();
    try (var workers = new FeedbackWorkers(1, 1, new FeedbackMetrics(registry))) {
      workers.submit(
          "busy",
          () -> {
            started.countDown();
            await(release);
            ran.incrementAndGet();
          });
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      workers.submit("queued", ran::incrementAndGet);
      long before = System.nanoTime();
      workers.submit("dropped", ran::incrementAndGet);
      assertThat(System.nanoTime() - before).isLessThan(TimeUnit.SECONDS.toNanos(1));

      assertThat(registry.get("parley.feedback.dropped").counter().count()).isEqualTo(1);
      release.countDown();
    }
    assertThat(ran).hasValue(2);
  }

  @Test
  void aFailingCheckDoesNotStopTheWorker() throws Exception {
    var done = new CountDownLatch(1);
    try (var workers = new FeedbackWorkers(1, 4, new FeedbackMetrics(new SimpleMeterRegistry()))) {
      workers.submit(
          "failing",
          () -> {
            throw new IllegalStateException("boom");
          });
      workers.submit("next", done::countDown);
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
