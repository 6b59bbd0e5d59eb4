package dev.parley.feedback.grammar;

import dev.parley.character.CefrLevel;
import dev.parley.llm.ChatModel;
import dev.parley.llm.ChatRequest;
import dev.parley.llm.LlmException;
import dev.parley.llm.StructuredOutput;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rule findings with a second opinion: the LLM confirms or drops each one, adds clear mistakes the
 * rules missed and explains them at the learner's level. The rules stay the floor: when the model
 * fails or answers nonsense twice, the learner gets the rule findings as they were, and nothing the
 * model says is taken without its span being found in the utterance.
 */
public final class LlmReviewedChecker implements GrammarChecker, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LlmReviewedChecker.class);
  private static final int MAX_TOKENS = 600;

  private final GrammarChecker rules;
  private final ChatModel model;

  public LlmReviewedChecker(GrammarChecker rules, ChatModel model) {
    this.rules = rules;
    this.model = model;
  }

  @Override
  public void close() throws Exception {
    if (rules instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  @Override
  public boolean supports(String language) {
    return rules.supports(language);
  }

  @Override
  public List<Correction> check(String text, String language, CefrLevel level) {
    var findings = rules.check(text, language, level);
    if (text == null || text.isBlank()) {
      return findings;
    }
    var request =
        ChatRequest.of(LlmReview.messages(text, language, level, findings))
            .withMaxTokens(MAX_TOKENS)
            .withTemperature(0);
    try {
      return StructuredOutput.complete(
          model, request, LlmReview.SCHEMA, json -> LlmReview.parse(json, text, findings));
    } catch (LlmException e) {
      log.warn(
          "Grammar review by the LLM failed ({}), keeping the rule findings: {}",
          e.code().wireName(),
          e.getMessage());
      return findings;
    }
  }
}
