package dev.parley.bench;

import java.util.concurrent.CountDownLatch;

/**
 * When the benchmark measures, without making the sessions wait for each other. A barrier would
 * line their turns up: all of them would speak, and hit the server, within one utterance, a burst
 * several times the steady rate that no learners produce. Instead every session keeps talking from
 * the moment it opens until the window closes; the window opens once each has done its warm-up
 * turns and closes once each has done its measured turns inside it, and every turn whose speech
 * ended inside counts.
 */
final class MeasuredWindow {

  private final CountDownLatch warmedUp;
  private final CountDownLatch measured;
  private volatile long openedAt;
  private volatile long closedAt;

  MeasuredWindow(int sessions) {
    this.warmedUp = new CountDownLatch(sessions);
    this.measured = new CountDownLatch(sessions);
  }

  /** One session's turns, as it goes through the window. */
  final class Talker {

    private final int warmup;
    private final int turns;
    private int spoken;
    private int inside;
    private boolean warm;
    private boolean done;

    private Talker(int warmup, int turns) {
      this.warmup = warmup;
      this.turns = turns;
      if (warmup == 0) {
        warm();
      }
    }

    /** Whether the session should speak again. */
    boolean talking() {
      return closedAt == 0;
    }

    /** Records a turn whose speech ended at {@code stoppedAt}; true if it counts. */
    boolean spoke(long stoppedAt) {
      if (++spoken == warmup) {
        warm();
      }
      boolean counts =
          openedAt != 0 && stoppedAt >= openedAt && (closedAt == 0 || stoppedAt < closedAt);
      if (counts && ++inside == turns) {
        finish();
      }
      return counts;
    }

    /** The session stopped (or failed): the window no longer waits for it. */
    void leave() {
      warm();
      finish();
    }

    private void warm() {
      if (!warm) {
        warm = true;
        warmedUp.countDown();
      }
    }

    private void finish() {
      if (!done) {
        done = true;
        measured.countDown();
      }
    }
  }

  Talker talker(int warmup, int turns) {
    return new Talker(warmup, turns);
  }

  void awaitWarmedUp() throws InterruptedException {
    warmedUp.await();
  }

  void open() {
    openedAt = System.nanoTime();
  }

  void awaitMeasured() throws InterruptedException {
    measured.await();
  }

  /** Closes the window: the sessions stop after the turn they are in. */
  void close() {
    closedAt = System.nanoTime();
  }
}
