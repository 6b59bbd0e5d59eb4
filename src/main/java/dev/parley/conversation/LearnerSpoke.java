package dev.parley.conversation;

/**
 * The learner said (or typed) something and the character has started answering. Published after
 * the reply's request went to the model, on a background thread, so listeners work beside the
 * reply and never in its way. The turn is stored later, when the reply ends ({@link TurnRecorded}).
 *
 * @param spoken whether the text is a transcript of speech rather than typed
 */
public record LearnerSpoke(Session session, int turnNumber, String text, boolean spoken) {}
