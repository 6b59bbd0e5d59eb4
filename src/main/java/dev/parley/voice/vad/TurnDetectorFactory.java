package dev.parley.voice.vad;

import dev.parley.character.CefrLevel;
import java.util.function.Supplier;

/** Opens a {@link TurnDetector} per voice session, all sharing one loaded Silero model. */
public final class TurnDetectorFactory {

  private final Supplier<SileroVadModel> model;
  private final VadProperties properties;
  private final VadCounters counters;

  /** {@code model} is asked on every open, so a lazily loaded model fails there, clearly. */
  public TurnDetectorFactory(
      Supplier<SileroVadModel> model, VadProperties properties, VadCounters counters) {
    this.model = model;
    this.properties = properties;
    this.counters = counters;
  }

  /** A detector for a learner at {@code level} (null: the default trailing silence). */
  public TurnDetector open(CefrLevel level, TurnListener listener) {
    return new TurnDetector(model.get().newStream(), properties, level, counters, listener);
  }

  public VadCounters counters() {
    return counters;
  }
}
