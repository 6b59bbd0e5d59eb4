package dev.parley.conversation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code parley.conversation.*}.
 *
 * @param maxMessageChars longest accepted learner message
 * @param historyWindow how many recent turns the prompt always holds verbatim
 * @param summaryBatch how many turns past the window accumulate before they are folded into the
 *     summary together. Between folds the prompt only grows at its end, so an in-process model
 *     reuses its KV cache; each fold changes the prompt's beginning and costs one full evaluation.
 * @param idleTimeout an active session untouched this long is finished
 * @param idleSweepInterval how often idle sessions are looked for
 * @param maxReplyTokens upper bound on a reply's length
 * @param maxSummaryTokens upper bound on the rolling summary's length
 * @param replyTimeout how long a waiting (JSON) or streaming (SSE) request may take
 * @param socket WebSocket limits
 */
@ConfigurationProperties("parley.conversation")
public record ConversationProperties(
    @DefaultValue("4000") int maxMessageChars,
    @DefaultValue("12") int historyWindow,
    @DefaultValue("6") int summaryBatch,
    @DefaultValue("30m") Duration idleTimeout,
    @DefaultValue("1m") Duration idleSweepInterval,
    @DefaultValue("256") int maxReplyTokens,
    @DefaultValue("300") int maxSummaryTokens,
    @DefaultValue("2m") Duration replyTimeout,
    @DefaultValue Socket socket) {

  public ConversationProperties {
    if (maxMessageChars < 1
        || historyWindow < 1
        || summaryBatch < 1
        || maxReplyTokens < 1
        || maxSummaryTokens < 1) {
      throw new IllegalArgumentException(
          "parley.conversation: max-message-chars, history-window, summary-batch,"
              + " max-reply-tokens and max-summary-tokens must be positive");
    }
  }

  /** The defaults, for code that runs without Spring. */
  public static ConversationProperties defaults() {
    return new ConversationProperties(
        4000,
        12,
        6,
        Duration.ofMinutes(30),
        Duration.ofMinutes(1),
        256,
        300,
        Duration.ofMinutes(2),
        Socket.defaults());
  }

  ConversationProperties withHistory(int window, int batch) {
    return new ConversationProperties(
        maxMessageChars,
        window,
        batch,
        idleTimeout,
        idleSweepInterval,
        maxReplyTokens,
        maxSummaryTokens,
        replyTimeout,
        socket);
  }

  /**
   * @param maxTextMessageChars longest accepted text frame; longer ones get a {@code
   *     message_too_large} error and the connection stays open
   * @param sendBufferBytes per connection: a client this far behind is disconnected
   * @param sendTimeLimit per connection: a send blocked this long disconnects the client
   */
  public record Socket(
      @DefaultValue("65536") int maxTextMessageChars,
      @DefaultValue("524288") int sendBufferBytes,
      @DefaultValue("10s") Duration sendTimeLimit) {

    static Socket defaults() {
      return new Socket(65536, 524288, Duration.ofSeconds(10));
    }
  }
}
