package dev.parley.llm;

/**
 * A finished generation.
 *
 * @param text the whole reply
 * @param promptTokens tokens the provider read (or evaluated, for in-process models), -1 if unknown
 * @param completionTokens tokens generated, -1 if unknown
 * @param finishReason why generation stopped
 */
public record ChatResult(
    String text, int promptTokens, int completionTokens, FinishReason finishReason) {

  public enum FinishReason {
    STOP,
    LENGTH,
    OTHER
  }
}
