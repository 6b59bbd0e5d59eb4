package dev.parley.conversation;

/** A session ended; {@code session} is as stored then. Published on a background thread. */
public record SessionFinished(Session session, Reason reason) {

  public enum Reason {
    /** The learner (or their client) finished it. */
    LEARNER,
    /** Nobody spoke for longer than the idle timeout. */
    IDLE,
    /** Another part of Parley ended it, e.g. moderation. */
    ENDED
  }
}
