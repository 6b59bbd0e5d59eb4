package dev.parley.llm;

public class LlmException extends RuntimeException {

  private final LlmErrorCode code;

  public LlmException(LlmErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public LlmException(LlmErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public LlmErrorCode code() {
    return code;
  }
}
