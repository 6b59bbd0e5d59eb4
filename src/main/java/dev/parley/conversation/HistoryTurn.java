package dev.parley.conversation;

/**
 * What a prompt takes of a stored turn: its number, its texts and how it ended. Every reply reads
 * the session's unsummarized turns, as soon as the learner starts speaking, and holds them until
 * the reply starts: as whole {@link Turn}s (ids, timings, engines) that was ~9 KB per utterance in
 * flight for the young collections to copy, and two dozen columns per row to decode.
 */
record HistoryTurn(int number, String userText, String replyText, TurnStatus status) {

  /** Whether the model sees this turn again: failed or empty replies would break alternation. */
  boolean belongsInPrompt() {
    return status != TurnStatus.FAILED && !replyText.isBlank();
  }
}
