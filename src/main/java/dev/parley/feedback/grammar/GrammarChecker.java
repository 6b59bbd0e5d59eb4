package dev.parley.feedback.grammar;

import dev.parley.character.CefrLevel;
import java.util.List;

/**
 * Finds what a teacher would correct in one learner utterance. Plain Java and thread-safe;
 * implementations may take tens of milliseconds, so callers run them beside the reply.
 */
public interface GrammarChecker {

  /** Whether utterances in this BCP 47 language (e.g. {@code es-ES}, {@code en}) can be checked. */
  boolean supports(String language);

  /**
   * The corrections for {@code text}, in text order; empty when there is nothing to correct.
   *
   * @param level the learner's level, for explanations they can follow
   * @throws GrammarCheckException when the language is not supported or the checker failed
   */
  List<Correction> check(String text, String language, CefrLevel level);
}
