package dev.parley.feedback;

import java.time.Instant;

/** A correction as stored, with the utterance and turn it belongs to. */
record StoredCorrection(
    String utteranceId,
    int turnNumber,
    int start,
    int end,
    String category,
    String original,
    String suggestion,
    String explanation,
    String source,
    String utterance,
    Instant createdAt) {}
