package dev.parley.conversation;

/**
 * A stored turn's texts were replaced by redacted ones ({@link ConversationService#redact}), e.g.
 * by moderation. Published on a background thread, after the write, so that features which keep
 * their own copy of a turn's texts can redact it too.
 *
 * @param previous the turn that was redacted, as the redaction was given it: its texts are the
 *     unredacted ones, so keep them no longer than it takes to find and replace the copies
 * @param turn the same turn with the redacted texts
 */
public record TurnRedacted(Session session, Turn previous, Turn turn) {

  /** What replaces each redacted span of a text (the whole text when no span can be named). */
  public static final String MARKER = "[redacted]";

  /** Whether the learner's text changed (a redaction may touch the reply only). */
  public boolean userTextRedacted() {
    return turn.userText() != null && !turn.userText().equals(previous.userText());
  }
}
