package dev.parley.voice;

public class VoiceException extends RuntimeException {

  private final VoiceErrorCode code;

  public VoiceException(VoiceErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public VoiceException(VoiceErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public VoiceErrorCode code() {
    return code;
  }
}
