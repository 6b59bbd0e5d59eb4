package dev.parley.evaluation;

import dev.parley.conversation.Session;
import java.time.Instant;
import java.util.List;

/**
 * The evaluation of one finished session, as stored.
 *
 * @param level the session's CEFR level, which the evaluation judged against
 * @param sessionFinishedAt when the evaluated session finished
 * @param score 0 to 100 once completed, else null
 * @param errorCode why it failed or was skipped, else null
 * @param provider the model's provider, once it answered
 * @param completedAt when it completed, failed or was skipped; null while pending
 */
record Evaluation(
    String sessionId,
    String owner,
    String characterId,
    String level,
    Instant sessionFinishedAt,
    EvaluationStatus status,
    Integer score,
    String justification,
    List<String> strengths,
    List<String> improvements,
    String debrief,
    String errorCode,
    String errorMessage,
    String provider,
    String model,
    Instant createdAt,
    Instant completedAt) {

  Evaluation {
    strengths = strengths == null ? List.of() : List.copyOf(strengths);
    improvements = improvements == null ? List.of() : List.copyOf(improvements);
  }

  /** A new evaluation of a finished session, not run yet. */
  static Evaluation pending(Session session, Instant now) {
    return new Evaluation(
        session.id(),
        session.owner(),
        session.characterId(),
        session.level().name(),
        session.finishedAt() == null ? now : session.finishedAt(),
        EvaluationStatus.PENDING,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        now,
        null);
  }
}
