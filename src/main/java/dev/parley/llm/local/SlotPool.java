package dev.parley.llm.local;

import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;

/**
 * Hands out llama.cpp slots. A slot runs one generation at a time and keeps the KV cache of the
 * last prompt it processed, so a conversation that gets its previous slot back only evaluates its
 * new tokens. A conversation whose slot is busy (its prefill is still reading the learner's words)
 * waits for that slot rather than start again from nothing in another; the others are served in
 * arrival order, prefills after requests, so one learner's speculative work never delays another's
 * reply.
 */
final class SlotPool {

  /** A waiting request; compared by identity, as two requests of one conversation may wait. */
  private static final class Ticket {
    final String cacheKey;
    final boolean prefill;

    Ticket(String cacheKey, boolean prefill) {
      this.cacheKey = cacheKey;
      this.prefill = prefill;
    }
  }

  private final String[] owners;
  private final boolean[] busy;
  private final long[] lastUsed;
  private final ArrayDeque<Ticket> waiting = new ArrayDeque<>();
  private long clock;

  SlotPool(int slots) {
    owners = new String[slots];
    busy = new boolean[slots];
    lastUsed = new long[slots];
  }

  /**
   * Takes a slot for the conversation: the one holding its cache, else the least recently used free
   * one. A {@code prefill} (work done ahead in case it helps) gives way to every waiting request
   * that is not one. Returns -1 if {@code abandoned} turns true while waiting.
   */
  synchronized int acquire(String cacheKey, boolean prefill, BooleanSupplier abandoned)
      throws InterruptedException {
    var ticket = new Ticket(cacheKey, prefill);
    waiting.add(ticket);
    try {
      while (!abandoned.getAsBoolean()) {
        int slot = grantable(ticket);
        if (slot >= 0) {
          busy[slot] = true;
          owners[slot] = cacheKey;
          return slot;
        }
        wait();
      }
      return -1;
    } finally {
      waiting.remove(ticket);
      notifyAll();
    }
  }

  synchronized void release(int slot) {
    busy[slot] = false;
    lastUsed[slot] = ++clock;
    notifyAll();
  }

  /** How many requests wait for a slot. */
  synchronized int waiting() {
    return waiting.size();
  }

  /** Lets waiters re-check whether they were abandoned. */
  synchronized void wakeWaiters() {
    notifyAll();
  }

  /**
   * The slot the ticket may take now, or -1: each request ahead of it first takes the slot it can,
   * requests in arrival order, then prefills in arrival order.
   */
  private int grantable(Ticket ticket) {
    var claimed = new boolean[busy.length];
    for (boolean prefills : new boolean[] {false, true}) {
      for (var ahead : waiting) {
        if (ahead.prefill != prefills) {
          continue;
        }
        int slot = choose(ahead.cacheKey, claimed);
        if (ahead == ticket) {
          return slot;
        }
        if (slot >= 0) {
          claimed[slot] = true;
        }
      }
    }
    return -1;
  }

  private int choose(String cacheKey, boolean[] claimed) {
    if (cacheKey != null) {
      for (int slot = 0; slot < busy.length; slot++) {
        if (cacheKey.equals(owners[slot])) {
          return busy[slot] || claimed[slot] ? -1 : slot;
        }
      }
    }
    int chosen = -1;
    for (int slot = 0; slot < busy.length; slot++) {
      if (!busy[slot] && !claimed[slot] && (chosen < 0 || lastUsed[slot] < lastUsed[chosen])) {
        chosen = slot;
      }
    }
    return chosen;
  }
}
