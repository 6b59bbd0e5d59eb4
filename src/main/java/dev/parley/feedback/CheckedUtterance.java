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
    Instant checkedAt) {}
