package dev.parley.conversation;

/**
 * Receives one turn's progress. Calls never overlap; {@code onStarted} comes first, then deltas,
 * then exactly one of {@code onCompleted} (also for interrupted turns) or {@code onFailed}. The
 * final call comes only after the turn is stored.
 */
public interface TurnListener {

  void onStarted(int number);

  void onDelta(String text);

  /** The turn is stored, as completed or interrupted. */
  void onCompleted(Turn turn);

  /**
   * The model failed (code is an {@code llm_*} wire name) or the turn could not be stored ({@code
   * storage_failed}, then {@code turn} is null).
   */
  void onFailed(String code, String message, Turn turn);

  /**
   * Asked as the turn is stored: the stage latencies of a spoken turn if all of them are known by
   * then, so that they go into the same insert; {@link VoiceTimings#NONE} if not (or not spoken).
   */
  default VoiceTimings voiceTimingsSoFar() {
    return VoiceTimings.NONE;
  }
}
