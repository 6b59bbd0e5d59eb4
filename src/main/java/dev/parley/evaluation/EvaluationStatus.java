package dev.parley.evaluation;

import java.util.Locale;

enum EvaluationStatus {
  PENDING,
  COMPLETED,
  FAILED,
  /** Nothing to evaluate: the learner never spoke. */
  SKIPPED;

  String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static EvaluationStatus fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
