package dev.parley.llm;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A chat LLM that streams its reply. Every provider (in-process llama.cpp, OpenAI-compatible, Gemini,
 * Mistral, Anthropic, Ollama) is one adapter behind this interface.
 */
public interface ChatModel {

  /** Provider and model name, persisted with every turn. */
  ModelInfo info();

  /**
   * Starts generating and returns at once. Tokens, then exactly one of {@code onComplete} or {@code
   * onError}, arrive on the listener from a thread of the adapter's choosing.
   */
  ChatStream stream(ChatRequest request, ChatListener listener);

  /**
   * Reads a prompt prefix ahead of time so that the next request with the same {@link
   * ChatRequest#cacheKey()} only evaluates what follows it: the persona is read while the learner
   * listens to the opening line, and the learner's words while they speak. Returns at once; the
   * work, if any, happens in the background, and a newer prefill of the same conversation replaces
   * one still waiting. A no-op for providers that cache prompts on their side.
   */
  default void prefill(ChatRequest request) {}

  /**
   * Whether {@link #prefill} does any work: the model keeps each conversation's evaluated prompt
   * in process, so reading a likely prompt early saves time later. Callers skip building
   * speculative prompts for models that answer false.
   */
  default boolean cachesPrompts() {
    return false;
  }

  /** Blocking convenience for short, non-interactive calls (summaries, structured output). */
  default ChatResult complete(ChatRequest request) {
    var future = new CompletableFuture<ChatResult>();
    var stream =
        stream(
            request,
            new ChatListener() {
              @Override
              public void onToken(String text) {}

              @Override
              public void onComplete(ChatResult result) {
                future.complete(result);
              }

              @Override
              public void onError(LlmException error) {
                future.completeExceptionally(error);
              }
            });
    try {
      return future.get();
    } catch (InterruptedException e) {
      stream.cancel();
      Thread.currentThread().interrupt();
      throw new LlmException(LlmErrorCode.CANCELLED, "Interrupted while waiting for the model", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof LlmException llm) {
        throw llm;
      }
      throw new LlmException(LlmErrorCode.PROVIDER_ERROR, e.getCause().getMessage(), e.getCause());
    }
  }
}
