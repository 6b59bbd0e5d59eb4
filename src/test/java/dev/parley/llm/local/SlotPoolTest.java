package dev.parley.llm.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SlotPoolTest {

  @Test
  void conversationGetsTheSlotHoldingItsCacheBack() throws Exception {
    var pool = new SlotPool(2);
    int a = pool.acquire("a", false, () -> false);
    pool.release(a);
    int b = pool.acquire("b", false, () -> false);
    pool.release(b);
    assertThat(b).isNotEqualTo(a);
    assertThat(pool.acquire("a", false, () -> false)).isEqualTo(a);
  }

  @Test
  void newConversationEvictsTheLeastRecentlyUsedSlot() throws Exception {
    var pool = new SlotPool(2);
    int a = pool.acquire("a", false, () -> false);
    int b = pool.acquire("b", false, () -> false);
    pool.release(a);
    pool.release(b);
    assertThat(pool.acquire("c", false, () -> false)).isEqualTo(a);
  }

  @Test
  void waiterGetsAReleasedSlotOrGivesUpWhenAbandoned() throws Exception {
    var pool = new SlotPool(1);
    @SuppressWarnings("resource") // threads end with the test's waits
    var threads = Executors.newCachedThreadPool();
    int held = pool.acquire("a", false, () -> false);
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

  @Test
  void conversationWaitsForItsBusySlotWhileOthersGoAhead() throws Exception {
    var pool = new SlotPool(2);
    @SuppressWarnings("resource") // threads end with the test's waits
    var threads = Executors.newCachedThreadPool();
    int prefilling = pool.acquire("a", false, () -> false);
    var reply =
        CompletableFuture.supplyAsync(() -> acquire(pool, "a", new AtomicBoolean()), threads);
    var other =
        CompletableFuture.supplyAsync(() -> acquire(pool, "b", new AtomicBoolean()), threads);
    assertThat(other.get(10, TimeUnit.SECONDS)).isNotEqualTo(prefilling);
    assertThat(reply).isNotDone();
    pool.release(prefilling);
    assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo(prefilling);
  }

  @Test
  void requestsOfOneConversationGiveUpInAnyOrderAndTheLastGetsTheSlot() throws Exception {
    var pool = new SlotPool(1);
    @SuppressWarnings("resource") // threads end with the test's waits
    var threads = Executors.newCachedThreadPool();
    int held = pool.acquire("a", false, () -> false);
    var first = new AtomicBoolean();
    var second = new AtomicBoolean();
    var firstGaveUp = CompletableFuture.supplyAsync(() -> acquire(pool, "a", first), threads);
    var secondGaveUp = CompletableFuture.supplyAsync(() -> acquire(pool, "a", second), threads);
    var latest =
        CompletableFuture.supplyAsync(() -> acquire(pool, "a", new AtomicBoolean()), threads);
    await().atMost(10, TimeUnit.SECONDS).until(() -> pool.waiting() == 3);
    second.set(true);
    pool.wakeWaiters();
    assertThat(secondGaveUp.get(10, TimeUnit.SECONDS)).isEqualTo(-1);
    first.set(true);
    pool.release(held);
    assertThat(firstGaveUp.get(10, TimeUnit.SECONDS)).isEqualTo(-1);
    assertThat(latest.get(10, TimeUnit.SECONDS)).isEqualTo(held);
  }

  @Test
  void abandonedWaiterGivesUpEvenWhenASlotIsFree() throws Exception {
    var pool = new SlotPool(1);
    assertThat(pool.acquire("a", false, () -> true)).isEqualTo(-1);
    assertThat(pool.acquire("b", false, () -> false)).isZero();
  }

  @Test
  void aWaitingPrefillGivesWayToARequestThatCameLater() throws Exception {
    var pool = new SlotPool(1);
    @SuppressWarnings("resource") // threads end with the test's waits
    var threads = Executors.newCachedThreadPool();
    int held = pool.acquire("a", false, () -> false);
    var prefill =
        CompletableFuture.supplyAsync(
            () -> acquire(pool, "b", true, new AtomicBoolean()), threads);
    await().atMost(10, TimeUnit.SECONDS).until(() -> pool.waiting() == 1);
    var reply =
        CompletableFuture.supplyAsync(() -> acquire(pool, "c", new AtomicBoolean()), threads);
    await().atMost(10, TimeUnit.SECONDS).until(() -> pool.waiting() == 2);
    pool.release(held);
    assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo(held);
    assertThat(prefill).isNotDone();
    pool.release(held);
    assertThat(prefill.get(10, TimeUnit.SECONDS)).isEqualTo(held);
  }

  private static int acquire(SlotPool pool, String key, AtomicBoolean abandoned) {
    return acquire(pool, key, false, abandoned);
  }

  private static int acquire(
      SlotPool pool, String key, boolean prefill, AtomicBoolean abandoned) {
    try {
      return pool.acquire(key, prefill, abandoned::get);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
