package dev.parley.llm;

/** Stable codes that reach clients in error events and problem+json bodies. */
public enum LlmErrorCode {
  /** No model file or provider configured; the message says what to run or set. */
  MODEL_NOT_CONFIGURED,
  /** The provider could not be reached or answered 5xx. */
  PROVIDER_UNAVAILABLE,
  /** The provider refused the request (bad key, 4xx other than rate limit). */
  PROVIDER_ERROR,
  RATE_LIMITED,
  TIMEOUT,
  /** Structured output that did not parse or validate. */
  INVALID_OUTPUT,
  CANCELLED;

  public String wireName() {
    return "llm_" + name().toLowerCase(java.util.Locale.ROOT);
  }
}
