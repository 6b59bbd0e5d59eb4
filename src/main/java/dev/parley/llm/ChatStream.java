package dev.parley.llm;

/** Handle on a running generation. */
public interface ChatStream {

  /**
   * Stops generation as soon as the provider allows. Idempotent. After cancel the listener receives
   * at most an {@code onError} with {@link LlmErrorCode#CANCELLED} and no further tokens.
   */
  void cancel();
}
