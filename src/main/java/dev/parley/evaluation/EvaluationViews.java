package dev.parley.evaluation;

import java.time.Instant;
import java.util.List;

/** The JSON shapes of evaluations. The character's rubric is never part of them. */
final class EvaluationViews {

  private EvaluationViews() {}

  /** Why an evaluation has no score. */
  record ErrorView(String code, String message) {}

  record EvaluationView(
      String sessionId,
      String status,
      Integer score,
      String justification,
      List<String> strengths,
      List<String> improvements,
      String debrief,
      ErrorView error,
      String level,
      String provider,
      String model,
      Instant createdAt,
      Instant completedAt) {}

  record HistoryItem(
      String sessionId,
      String characterId,
      String characterTitle,
      String level,
      Instant finishedAt,
      String status,
      Integer score) {}

  record HistoryPage(List<HistoryItem> evaluations, int page, int size, long total) {}

  static EvaluationView evaluation(Evaluation e) {
    return new EvaluationView(
        e.sessionId(),
        e.status().wireName(),
        e.score(),
        e.justification(),
        e.strengths(),
        e.improvements(),
        e.debrief(),
        e.errorCode() == null ? null : new ErrorView(e.errorCode(), e.errorMessage()),
        e.level(),
        e.provider(),
        e.model(),
        e.createdAt(),
        e.completedAt());
  }

  static HistoryItem historyItem(Evaluation e, String characterTitle) {
    return new HistoryItem(
        e.sessionId(),
        e.characterId(),
        characterTitle,
        e.level(),
        e.sessionFinishedAt(),
        e.status().wireName(),
        e.score());
  }
}
