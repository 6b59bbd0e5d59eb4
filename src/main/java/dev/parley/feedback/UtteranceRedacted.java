package dev.parley.feedback;

import dev.parley.feedback.grammar.Correction;
import java.util.List;

/**
 * A checked utterance was redacted after its check was stored: its text is now {@code text}, and
 * the corrections that do not touch a redacted span were kept. Published on the thread that applied
 * the redaction, for the parts that keep copies of the learner's sentences (review).
 *
 * @param previousText the utterance as it was checked: find copies by it, do not keep it
 * @param corrections the corrections kept, in text order; offsets refer to {@code text}
 */
public record UtteranceRedacted(
    String owner,
    String sessionId,
    int turnNumber,
    String language,
    String previousText,
    String text,
    List<Correction> corrections) {}
