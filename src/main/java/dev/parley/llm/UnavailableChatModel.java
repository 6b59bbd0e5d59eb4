package dev.parley.llm;

/**
 * Stands in when no model can answer (no local model file, no API key), so that the server still
 * starts and every request fails with a message saying exactly what to do.
 */
final class UnavailableChatModel implements ChatModel {

  private final ModelInfo info;
  private final String reason;

  UnavailableChatModel(ModelInfo info, String reason) {
    this.info = info;
    this.reason = reason;
  }

  String reason() {
    return reason;
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  @Override
  public ChatStream stream(ChatRequest request, ChatListener listener) {
    listener.onError(new LlmException(LlmErrorCode.MODEL_NOT_CONFIGURED, reason));
    return () -> {};
  }
}
