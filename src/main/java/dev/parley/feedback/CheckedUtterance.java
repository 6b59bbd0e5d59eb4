package dev.parley.feedback;

import java.time.Instant;

/** A learner utterance the grammar checker read. */
record CheckedUtterance(
    String id,
    String owner,
    String sessionId,
    int turnNumber,
    String language,
    String text,
    boolean spoken,
    Instant checkedAt) {

  CheckedUtterance withText(String newText) {
    return new CheckedUtterance(
        id, owner, sessionId, turnNumber, language, newText, spoken, checkedAt);
  }
}
