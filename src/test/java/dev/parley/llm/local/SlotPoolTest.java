package dev.parley.llm.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SlotPoolTest {

  @Test
  void conversationGetsTheSlotHoldingItsCacheBack() throws Exception {
    var pool = new SlotPool(2);
    int a = pool.acquire("a", () -> false);
    pool.release(a);
    int b = pool.acquire("b", () -> false);
    pool.release(b);
    assertThat(b).isNotEqualTo(a);
    assertThat(pool.acquire("a", () -> false)).isEqualTo(a);
  }

  @Test
  void newConversationEvictsTheLeastRecentlyUsedSlot() throws Exception {
    var pool = new SlotPool(2);
    int a = pool.acquire("a", () -> false);
    int b = pool.acquire("b", () -> false);
    pool.release(a);
    pool.release(b);
    assertThat(pool.acquire("c", () -> false)).isEqualTo(a);
  }

  @Test
  void waiterGetsAReleasedSlotOrGivesUpWhenAbandoned() throws Exception {
    var pool = new SlotPool(1);
    @SuppressWarnings("resource") // threads end with the test's waits
    var threads = Executors.newCachedThreadPool();
    int held = pool.acquire("a", () -> false);
    var abandoned = new AtomicBoolean();
    var gaveUp = CompletableFuture.supplyAsync(() -> acquire(pool, "b", abandoned), threads);
    var waits =
        CompletableFuture.supplyAsync(() -> acquire(pool, "c", new AtomicBoolean()), threads);
    abandoned.set(true);
    pool.wakeWaiters();
    assertThat(gaveUp.get(10, TimeUnit.SECONDS)).isEqualTo(-1);
    assertThat(waits).isNotDone();
    pool.release(held);
    assertThat(waits.get(10, TimeUnit.SECONDS)).isEqualTo(held);
  }

  private static int acquire(SlotPool pool, String key, AtomicBoolean abandoned) {
    try {
      return pool.acquire(key, abandoned::get);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
