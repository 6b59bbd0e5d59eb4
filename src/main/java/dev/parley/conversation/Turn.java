package dev.parley.conversation;

import java.time.Instant;

/**
 * One exchange: the learner's message and the character's reply, with how fast the model was. Turn
 * 0 is the character's opening line and has no user text.
 *
 * @param firstTokenMs time from sending the prompt to the first reply token, null if none came
 * @param totalMs time from sending the prompt to the end (or interruption) of the reply
 * @param promptTokens tokens the model read, null if unknown
 * @param completionTokens tokens the model generated, null if unknown
 * @param tokensPerSecond generation speed after the first token, null if unknown
 * @param voice stage latencies and speech engines of a spoken turn ({@link VoiceTimings#NONE} for a
 *     typed one)
 */
public record Turn(
    String id,
    String sessionId,
    int number,
    String userText,
    String replyText,
    TurnStatus status,
    Instant startedAt,
    Integer firstTokenMs,
    Integer totalMs,
    Integer promptTokens,
    Integer completionTokens,
    Double tokensPerSecond,
    String provider,
    String model,
    Instant createdAt,
    VoiceTimings voice) {

  public Turn {
    voice = voice == null ? VoiceTimings.NONE : voice;
  }

  Turn withReply(String reply, TurnStatus newStatus) {
    return copy(userText, reply, newStatus);
  }

  /** The turn with other texts; a null text keeps the current one. */
  Turn withTexts(String newUserText, String newReplyText) {
    return copy(
        newUserText == null ? userText : newUserText,
        newReplyText == null ? replyText : newReplyText,
        status);
  }

  private Turn copy(String newUserText, String newReplyText, TurnStatus newStatus) {
    return new Turn(
        id,
        sessionId,
        number,
        newUserText,
        newReplyText,
        newStatus,
        startedAt,
        firstTokenMs,
        totalMs,
        promptTokens,
        completionTokens,
        tokensPerSecond,
        provider,
        model,
        createdAt,
        voice);
  }

  /** What a prompt takes of this turn. */
  HistoryTurn history() {
    return new HistoryTurn(number, userText, replyText, status);
  }
}
