package dev.parley.conversation;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When each stage of one turn first happened, relative to its origin: the end of the learner's
 * speech, or the arrival of a typed message. Stages are marked from several threads; the first mark
 * of a stage wins.
 */
final class TurnClock {

  enum Stage {
    STT_FINAL("sttFinal"),
    LLM_FIRST_TOKEN("llmFirstToken"),
    FIRST_SENTENCE("firstSentence"),
    TTS_FIRST_BYTE("ttsFirstByte"),
    FIRST_AUDIO_SENT("firstAudioSent");

    final String wireName;

    Stage(String wireName) {
      this.wireName = wireName;
    }
  }

  private final long originNanos;

  /** Nanoseconds since the origin plus one, so that zero means "not yet". */
  private final AtomicLongArray marks = new AtomicLongArray(Stage.values().length);

  TurnClock(long originNanos) {
    this.originNanos = originNanos;
  }

  void mark(Stage stage) {
    marks.compareAndSet(stage.ordinal(), 0, Math.max(0, System.nanoTime() - originNanos) + 1);
  }

  boolean marked(Stage stage) {
    return marks.get(stage.ordinal()) != 0;
  }

  /** Milliseconds from the origin, or null if the stage did not happen. */
  Integer millis(Stage stage) {
    long mark = marks.get(stage.ordinal());
    return mark == 0 ? null : (int) ((mark - 1) / 1_000_000);
  }
}
