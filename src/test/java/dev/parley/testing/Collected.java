package dev.parley.testing;

import static org.awaitility.Awaitility.await;

import java.lang.ref.WeakReference;
import java.time.Duration;

/** Waits for an object that nothing should hold any more to be garbage collected. */
public final class Collected {

  private Collected() {}

  /** Fails unless what {@code reference} refers to is collected within {@code limit}. */
  public static void within(Duration limit, WeakReference<?> reference) {
    await()
        .atMost(limit)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              System.gc();
              return reference.get() == null;
            });
  }
}
