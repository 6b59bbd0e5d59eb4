package dev.parley.voice.vad;

/**
 * Finds where the learner's turns begin and end in one 16 kHz microphone stream and reports them to
 * a {@link TurnListener}: by the server's own VAD ({@link TurnDetector}) or as the client marks them
 * ({@link ClientEndpointer}). One per voice session, fed from one thread at a time.
 */
public sealed interface Endpointer extends AutoCloseable permits TurnDetector, ClientEndpointer {

  /** Next samples of the stream, at 16 kHz; any length. */
  void accept(short[] samples);

  boolean inTurn();

  /**
   * The client says the learner has finished: the turn in progress ends now ({@code
   * speechStopped}), without waiting for a trailing silence. Nothing happens outside a turn.
   */
  void endTurn();

  @Override
  void close();
}
