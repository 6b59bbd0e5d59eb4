package dev.parley.llm.local;

/**
 * How the in-process model runs.
 *
 * @param threads CPU threads for generation and prompt processing
 * @param contextSize total KV cache in tokens, shared equally by the parallel sessions
 * @param gpuLayers layers to offload to a GPU (the bundled llama.cpp build is CPU-only: 0)
 * @param parallelSessions llama.cpp slots: generations that run at once, each keeping one
 *     conversation's prompt cache; further requests wait in arrival order
 */
public record LocalModelSettings(
    int threads, int contextSize, int gpuLayers, int parallelSessions) {

  public LocalModelSettings {
    if (threads < 1 || contextSize < 1 || gpuLayers < 0 || parallelSessions < 1) {
      throw new IllegalArgumentException(
          "threads, contextSize and parallelSessions must be positive, gpuLayers not negative");
    }
    if (contextSize / parallelSessions < 256) {
      throw new IllegalArgumentException(
          "contextSize %d leaves fewer than 256 tokens to each of %d parallel sessions"
              .formatted(contextSize, parallelSessions));
    }
  }

  /**
   * All cores (llama.cpp generation is memory-bound, more threads than cores only adds contention),
   * 8192 tokens split over 2 sessions: one live conversation plus one background task such as a
   * summary or score, without the two evicting each other's cache.
   */
  public static LocalModelSettings defaults() {
    return new LocalModelSettings(Runtime.getRuntime().availableProcessors(), 8192, 0, 2);
  }
}
