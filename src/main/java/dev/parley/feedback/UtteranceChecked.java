package dev.parley.feedback;

import dev.parley.feedback.grammar.Correction;
import java.time.Instant;
import java.util.List;

/**
 * A learner utterance was checked and its corrections stored. Published on the feedback worker, for
 * the parts that learn from mistakes (review).
 *
 * @param corrections what the learner is told, in text order; offsets refer to {@code text}
 */
public record UtteranceChecked(
    String owner,
    String sessionId,
    int turnNumber,
    String language,
    String text,
    List<Correction> corrections,
    Instant checkedAt) {}
