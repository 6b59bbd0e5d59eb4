package dev.parley.llm;

import java.util.ArrayList;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;

/**
 * Asks a model for JSON matching a schema and gives it one chance to correct itself: when the first
 * reply does not parse or validate, the model sees its reply and what was wrong, and tries again.
 * Small local models and providers without native schema support get it wrong now and then; one
 * retry fixes most of that, more retries mostly burn latency.
 */
public final class StructuredOutput {

  /** A fenced block, which some models wrap JSON in even when told not to. */
  private static final Pattern FENCE = Pattern.compile("(?s)^```[a-zA-Z]*\\s*(.*?)\\s*```$");

  private StructuredOutput() {}

  /** Turns the model's text into a value, or throws to say what is wrong with it. */
  @FunctionalInterface
  public interface Parser<T> {

    /**
     * @throws InvalidOutputException when the text is not acceptable; its message goes back to the
     *     model, so say what to fix
     * @throws JacksonException when the text is not the expected JSON
     */
    T parse(String json);
  }

  /** The model's output is not acceptable. The message tells the model what to fix. */
  public static class InvalidOutputException extends RuntimeException {

    public InvalidOutputException(String problem) {
      super(problem);
    }
  }

  /**
   * Sends {@code request} with {@code schema} as its response schema and parses the reply.
   *
   * @throws LlmException with {@link LlmErrorCode#INVALID_OUTPUT} when the reply and the one retry
   *     both fail to parse; its message is what was wrong with the second reply. Other model
   *     failures (unavailable, timeout) propagate unchanged and are not retried.
   */
  public static <T> T complete(
      ChatModel model, ChatRequest request, ResponseSchema schema, Parser<T> parser) {
    var first = request.withResponseSchema(schema);
    var reply = model.complete(first);
    String problem;
    try {
      return parser.parse(unfence(reply.text()));
    } catch (InvalidOutputException | JacksonException e) {
      problem = describe(reply, e);
    }

    var messages = new ArrayList<>(first.messages());
    messages.add(ChatMessage.assistant(reply.text()));
    messages.add(
        ChatMessage.user(
            "Your reply could not be used: "
                + problem
                + "\nReply again with only the corrected JSON object, following the schema."));
    var retry =
        new ChatRequest(messages, first.maxTokens(), first.temperature(), schema, first.cacheKey());
    var second = model.complete(retry);
    try {
      return parser.parse(unfence(second.text()));
    } catch (InvalidOutputException | JacksonException e) {
      throw new LlmException(
          LlmErrorCode.INVALID_OUTPUT,
          "The model's '" + schema.name() + "' output was invalid twice: " + describe(second, e),
          e);
    }
  }

  private static String describe(ChatResult reply, RuntimeException e) {
    var problem =
        e instanceof JacksonException json
            ? "it is not valid JSON for the schema (" + json.getOriginalMessage() + ")"
            : e.getMessage();
    if (reply.finishReason() == ChatResult.FinishReason.LENGTH) {
      problem += "; the reply was cut off at the token limit, so be more concise";
    }
    return problem;
  }

  private static String unfence(String text) {
    var trimmed = text.strip();
    var fenced = FENCE.matcher(trimmed);
    return fenced.matches() ? fenced.group(1) : trimmed;
  }
}
