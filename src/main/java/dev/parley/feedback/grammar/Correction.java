package dev.parley.feedback.grammar;

/**
 * One thing to correct in an utterance.
 *
 * @param start offset of the first char of {@code original} in the checked text
 * @param end offset just past it
 * @param original the learner's words, e.g. "go"
 * @param suggestion what to say instead, e.g. "went"; empty to delete the words
 * @param category where the mistake goes in the learner's profile
 * @param ruleId the rule (or "llm") that found it, for debugging and precision figures
 * @param explanation one or two sentences at the learner's level
 * @param source who found it
 */
public record Correction(
    int start,
    int end,
    String original,
    String suggestion,
    MistakeCategory category,
    String ruleId,
    String explanation,
    Source source) {

  public enum Source {
    RULES,
    LLM
  }

  /** The same correction of the same words where they stand in another text. */
  public Correction at(int newStart) {
    return new Correction(
        newStart,
        newStart + original.length(),
        original,
        suggestion,
        category,
        ruleId,
        explanation,
        source);
  }
}
