package dev.parley.voice.vad;

/**
 * What a {@link TurnDetector} reports, on the thread that feeds it. Times are milliseconds of audio
 * since the stream began, so they are exact and reproducible. A turn is {@code speechStarted}, then
 * its audio, then exactly one of {@code speechStopped} or {@code maxTurnReached}.
 */
public interface TurnListener {

  /**
   * Speech was confirmed; it began at {@code atMillis} (the first of the frames that confirmed it),
   * which is up to the minimum speech duration before now.
   */
  default void speechStarted(long atMillis) {}

  /**
   * 16 kHz audio of the current turn, in order: first the pre-roll and the frames that confirmed
   * speech, then every frame until the turn ends, trailing silence included. Stream it to STT.
   */
  default void onAudio(short[] samples) {}

  /**
   * The turn ended: the trailing silence for the learner's level has passed at {@code atMillis};
   * the last speech frame ended at {@code speechEndMillis}.
   */
  default void speechStopped(long atMillis, long speechEndMillis) {}

  /** The turn reached its maximum length at {@code atMillis} and was ended there. */
  default void maxTurnReached(long atMillis) {}
}
