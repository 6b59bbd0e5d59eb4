package dev.parley.voice.vad;

import java.util.concurrent.atomic.LongAdder;

/**
 * Frames seen by every turn detector of the process, split by whether the energy gate spared the
 * neural VAD, the network ran, or confident speech kept its last verdict. Monotonic totals, cheap
 * to bump from many sessions; exported as Micrometer counters by {@link VadConfig}.
 */
public final class VadCounters {

  private final LongAdder gated = new LongAdder();
  private final LongAdder classified = new LongAdder();
  private final LongAdder skipped = new LongAdder();

  public long gated() {
    return gated.sum();
  }

  public long classified() {
    return classified.sum();
  }

  /** Loud frames inside a turn that kept the network's last speech verdict. */
  public long skipped() {
    return skipped.sum();
  }

  void countSkipped() {
    skipped.increment();
  }

  void countGated() {
    gated.increment();
  }

  void countClassified() {
    classified.increment();
  }
}
