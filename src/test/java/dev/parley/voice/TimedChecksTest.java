package dev.parley.voice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Collected;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class TimedChecksTest {

  @Test
  void aCheckRunsWhenDueOnAVirtualThreadOfItsName() throws Exception {
    var ran = new CompletableFuture<Thread>();
    long start = System.nanoTime();

    TimedChecks.after(
        Duration.ofMillis(50), "check-under-test", () -> ran.complete(Thread.currentThread()));

    var thread = ran.get(10, TimeUnit.SECONDS);
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(50_000_000L);
    assertThat(thread.isVirtual()).isTrue();
    assertThat(thread.getName()).isEqualTo("check-under-test");
  }

  @Test
  void aCalledOffCheckNeverRunsAndLetsGoOfWhatItWouldCheck() throws Exception {
    var ran = new AtomicBoolean();
    var watched = new Object();
    var reference = new WeakReference<>(watched);
    var check = checkOn(watched, ran);
    watched = null;

    check.cancel();

    Collected.within(Duration.ofSeconds(10), reference);
    Thread.sleep(500);
    assertThat(ran).isFalse();
  }

  /** A check whose task refers to {@code watched}, as a stream's timeout refers to the stream. */
  private static TimedChecks.Check checkOn(Object watched, AtomicBoolean ran) {
    return TimedChecks.after(
        Duration.ofMillis(300), "called-off", () -> ran.set(watched.hashCode() != 0));
  }
}
