package dev.parley.llm.local;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Hands out llama.cpp slots. A slot runs one generation at a time and keeps the KV cache of the
 * last prompt it processed, so a conversation that gets its previous slot back only evaluates its
 * new tokens. Requests wait in arrival order when every slot is busy.
 */
final class SlotPool {

  private final String[] owners;
  private final boolean[] busy;
  private final long[] lastUsed;
  private final ArrayDeque<Object> waiting = new ArrayDeque<>();
  private long clock;

  SlotPool(int slots) {
    owners = new String[slots];
    busy = new boolean[slots];
    lastUsed = new long[slots];
  }

  /**
   * Takes a slot for the conversation, preferring the one holding its cache, else the least
   * recently used free one. Returns -1 if {@code abandoned} turns true while waiting.
   */
  synchronized int acquire(String cacheKey, BooleanSupplier abandoned) throws InterruptedException {
    var ticket = new Object();
    waiting.add(ticket);
    try {
      while (waiting.peek() != ticket || freeSlots() == 0) {
        if (abandoned.getAsBoolean()) {
          return -1;
        }
        wait();
      }
    } finally {
      waiting.remove(ticket);
      notifyAll();
    }
    int slot = choose(cacheKey);
    busy[slot] = true;
    owners[slot] = cacheKey;
    return slot;
  }

  synchronized void release(int slot) {
    busy[slot] = false;
    lastUsed[slot] = ++clock;
    notifyAll();
  }

  /** Lets waiters re-check whether they were abandoned. */
  synchronized void wakeWaiters() {
    notifyAll();
  }

  private int choose(String cacheKey) {
    int chosen = -1;
    for (int slot = 0; slot < busy.length; slot++) {
      if (!busy[slot] && cacheKey != null && Objects.equals(owners[slot], cacheKey)) {
        return slot;
      }
      if (!busy[slot] && (chosen < 0 || lastUsed[slot] < lastUsed[chosen])) {
        chosen = slot;
      }
    }
    return chosen;
  }

  private int freeSlots() {
    int free = 0;
    for (boolean b : busy) {
      free += b ? 0 : 1;
    }
    return free;
  }
}
