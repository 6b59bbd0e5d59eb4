package dev.parley.http;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.function.Supplier;

/**
 * Buffers lent to a stream while it needs them. A stream lives for an utterance or a sentence,
 * seconds at a time: a buffer of its own would be copied by every young collection in between, once
 * per stream in flight. Lent, the same buffers serve stream after stream and stay in the old
 * generation. An empty pool makes a new buffer; a full one leaves a returned buffer to the
 * collector, so at most {@code capacity} wait between streams.
 */
public final class Spares<T> {

  private final ArrayBlockingQueue<T> waiting;
  private final Supplier<T> maker;

  public Spares(int capacity, Supplier<T> maker) {
    this.waiting = new ArrayBlockingQueue<>(capacity);
    this.maker = maker;
  }

  public T borrow() {
    var spare = waiting.poll();
    return spare != null ? spare : maker.get();
  }

  /** Takes back a buffer its borrower no longer touches. */
  public void giveBack(T spare) {
    waiting.offer(spare);
  }
}
