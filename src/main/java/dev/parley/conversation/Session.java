package dev.parley.conversation;

import dev.parley.character.CefrLevel;
import java.time.Instant;

/**
 * A conversation between one learner and one character.
 *
 * @param nativeLanguage BCP 47 tag, may be null when the learner did not say
 * @param summary rolling summary of the turns numbered up to {@code summarizedThrough}; null until
 *     the conversation outgrows the history window
 * @param summarizedThrough number of the last turn folded into the summary, -1 when none
 */
public record Session(
    String id,
    String owner,
    String characterId,
    SessionMode mode,
    CefrLevel level,
    String nativeLanguage,
    String targetLanguage,
    SessionStatus status,
    String summary,
    int summarizedThrough,
    Instant createdAt,
    Instant updatedAt,
    Instant finishedAt) {

  public boolean active() {
    return status == SessionStatus.ACTIVE;
  }

  /** The same session, last written at {@code at}. */
  Session withUpdatedAt(Instant at) {
    return new Session(
        id,
        owner,
        characterId,
        mode,
        level,
        nativeLanguage,
        targetLanguage,
        status,
        summary,
        summarizedThrough,
        createdAt,
        at,
        finishedAt);
  }
}
