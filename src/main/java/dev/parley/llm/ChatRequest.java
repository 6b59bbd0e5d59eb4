package dev.parley.llm;

import java.util.List;
import java.util.Objects;

/**
 * One generation request.
 *
 * @param messages system message first (if any), then alternating user/assistant turns
 * @param maxTokens upper bound on generated tokens
 * @param temperature sampling temperature
 * @param responseSchema when set, the reply must be JSON matching this schema (structured output)
 * @param cacheKey stable per conversation (the session id); lets in-process models reuse their KV
 *     cache across turns. May be null.
 */
public record ChatRequest(
    List<ChatMessage> messages,
    int maxTokens,
    double temperature,
    ResponseSchema responseSchema,
    String cacheKey) {

  public static final int DEFAULT_MAX_TOKENS = 256;
  public static final double DEFAULT_TEMPERATURE = 0.7;

  public ChatRequest {
    messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("A chat request needs at least one message");
    }
    if (maxTokens <= 0) {
      throw new IllegalArgumentException("maxTokens must be positive");
    }
  }

  public static ChatRequest of(List<ChatMessage> messages) {
    return new ChatRequest(messages, DEFAULT_MAX_TOKENS, DEFAULT_TEMPERATURE, null, null);
  }

  public ChatRequest withCacheKey(String key) {
    return new ChatRequest(messages, maxTokens, temperature, responseSchema, key);
  }

  public ChatRequest withResponseSchema(ResponseSchema schema) {
    return new ChatRequest(messages, maxTokens, temperature, schema, cacheKey);
  }

  public ChatRequest withMaxTokens(int tokens) {
    return new ChatRequest(messages, tokens, temperature, responseSchema, cacheKey);
  }

  public ChatRequest withTemperature(double value) {
    return new ChatRequest(messages, maxTokens, value, responseSchema, cacheKey);
  }
}
