package dev.parley.voice.vad;

import dev.parley.character.CefrLevel;
import java.util.function.Supplier;

/**
 * Opens an {@link Endpointer} per voice session: a {@link TurnDetector}, all sharing one loaded
 * Silero model, or a {@link ClientEndpointer} where the client marks the turns.
 */
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

  /** Turns the client marks; no model is loaded for them. */
  public ClientEndpointer openClientMarked(TurnListener listener) {
    return new ClientEndpointer(properties, listener);
  }

  public VadCounters counters() {
    return counters;
  }
}
