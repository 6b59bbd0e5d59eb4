package dev.parley.voice.vad;

/** Speech probability of consecutive 512-sample (32 ms) frames of one 16 kHz stream. */
public interface FrameClassifier extends AutoCloseable {

  int FRAME_SAMPLES = 512;

  /** Probability in [0, 1] that {@code frame} (exactly {@link #FRAME_SAMPLES}) holds speech. */
  float speechProbability(short[] frame);

  /** A frame the caller decided not to classify; stateful models keep their context aligned. */
  default void skip(short[] frame) {}

  @Override
  default void close() {}
}
