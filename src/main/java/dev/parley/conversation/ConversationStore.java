package dev.parley.conversation;

import dev.parley.conversation.ConversationService.SessionWithHistory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where sessions and turns live. Every method is one transaction. */
interface ConversationStore {

  /** Stores a new session with its opening turn, if any. */
  void create(Session session, Optional<Turn> openingTurn);

  Optional<Session> find(String sessionId);

  /**
   * The session with what prompts take of the turns its summary does not cover yet, oldest first,
   * in one statement: what a turn's prompt needs.
   */
  Optional<SessionWithHistory> findWithUnsummarized(String sessionId);

  SessionPage list(String owner, int page, int size);

  /** All turns, oldest first. */
  List<Turn> turns(String sessionId);

  /** Stores a turn and marks its session as updated. */
  void append(Turn turn);

  /** Replaces a stored reply, e.g. by the part the learner heard before interrupting it. */
  void reviseReply(String turnId, String replyText, TurnStatus status);

  /** Replaces the learner's text and/or the reply of a stored turn; null leaves one as it is. */
  void redact(String turnId, String userText, String replyText);

  /** Adds the stage latencies and speech engines of a spoken turn. */
  void recordVoice(String turnId, VoiceTimings timings);

  void updateSummary(String sessionId, String summary, int summarizedThrough);

  /** Finishes the session if it is active; returns whether it was. */
  boolean finish(String sessionId, Instant at);

  /** Ids of active sessions not updated since {@code cutoff}. */
  List<String> idleSince(Instant cutoff);
}
