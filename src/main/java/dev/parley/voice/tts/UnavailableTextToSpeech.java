package dev.parley.voice.tts;

import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;

/**
 * Stands in when the configured engine cannot speak, so that the server still starts and every
 * request fails with a message saying what to do.
 */
final class UnavailableTextToSpeech implements TextToSpeech {

  private final TtsInfo info;
  private final String reason;

  UnavailableTextToSpeech(TtsInfo info, String reason) {
    this.info = info;
    this.reason = reason;
  }

  String reason() {
    return reason;
  }

  @Override
  public TtsInfo info() {
    return info;
  }

  @Override
  public SpeechStream speak(SpeechRequest request, AudioListener listener) {
    listener.onError(new VoiceException(VoiceErrorCode.MODEL_NOT_CONFIGURED, reason));
    return () -> {};
  }
}
