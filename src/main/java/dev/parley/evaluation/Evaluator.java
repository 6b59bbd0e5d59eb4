package dev.parley.evaluation;

import dev.parley.character.CharacterDefinition;
import dev.parley.conversation.Session;
import dev.parley.conversation.Turn;
import dev.parley.llm.ChatModel;
import dev.parley.llm.ChatRequest;
import dev.parley.llm.LlmErrorCode;
import dev.parley.llm.LlmException;
import dev.parley.llm.ModelInfo;
import dev.parley.llm.StructuredOutput;
import java.util.List;

/**
 * Asks the model to evaluate a finished session against the character's rubric and goal. Returns
 * an assessment or says why there is none; it never makes up a score.
 */
final class Evaluator {

  static final String INVALID_OUTPUT = "evaluation_invalid_output";
  static final String NOTHING_TO_EVALUATE = "nothing_to_evaluate";

  private final ChatModel model;
  private final EvaluationProperties properties;

  Evaluator(ChatModel model, EvaluationProperties properties) {
    this.model = model;
    this.properties = properties;
  }

  /** How an evaluation ended. */
  sealed interface Outcome {

    /** The model's assessment, validated. */
    record Completed(Assessment assessment, ModelInfo model) implements Outcome {}

    /**
     * No score: {@code status} is {@link EvaluationStatus#FAILED} or {@link
     * EvaluationStatus#SKIPPED}; {@code model} is null when no model was asked.
     */
    record Ended(EvaluationStatus status, String code, String message, ModelInfo model)
        implements Outcome {}
  }

  Outcome evaluate(Session session, CharacterDefinition character, List<Turn> turns) {
    if (!EvaluationPrompt.hasLearnerTurn(turns)) {
      return new Outcome.Ended(
          EvaluationStatus.SKIPPED,
          NOTHING_TO_EVALUATE,
          "The learner said nothing in this session, so there is nothing to evaluate",
          null);
    }
    var request =
        ChatRequest.of(EvaluationPrompt.messages(session, character, turns))
            .withMaxTokens(properties.maxTokens())
            .withTemperature(properties.temperature());
    try {
      var assessment =
          StructuredOutput.complete(model, request, EvaluationPrompt.SCHEMA, Assessment::parse);
      return new Outcome.Completed(assessment, model.info());
    } catch (LlmException e) {
      var code =
          e.code() == LlmErrorCode.INVALID_OUTPUT ? INVALID_OUTPUT : e.code().wireName();
      return new Outcome.Ended(EvaluationStatus.FAILED, code, e.getMessage(), model.info());
    }
  }
}
