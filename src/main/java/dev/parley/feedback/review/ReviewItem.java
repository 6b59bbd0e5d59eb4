package dev.parley.feedback.review;

import java.time.Instant;

/**
 * One mistake to practise: the learner's sentence, where the mistake sits in it, the corrected
 * sentence, and when to practise it next.
 */
record ReviewItem(
    String id,
    String owner,
    String language,
    String category,
    String mistakeKey,
    String original,
    String suggestion,
    String explanation,
    String sentence,
    int mistakeStart,
    int mistakeEnd,
    String corrected,
    Schedule schedule,
    Instant dueAt,
    Instant createdAt,
    Instant reviewedAt) {

  /** The sentence with the mistaken words marked as {@code [[words]]}. */
  String hint() {
    return sentence.substring(0, mistakeStart)
        + "[["
        + sentence.substring(mistakeStart, mistakeEnd)
        + "]]"
        + sentence.substring(mistakeEnd);
  }
}
