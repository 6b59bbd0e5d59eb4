package dev.parley.voice.stt.cloud;

import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import dev.parley.voice.stt.SpeechToText;
import dev.parley.voice.stt.SttInfo;
import dev.parley.voice.stt.TranscriptListener;
import dev.parley.voice.stt.Transcription;
import dev.parley.voice.stt.TranscriptionOptions;

/**
 * Stands in for a cloud provider that has no API key, so that the server still starts and every
 * transcription fails with a message saying what to set.
 */
final class UnconfiguredSpeechToText implements SpeechToText {

  private final SttInfo info;
  private final String reason;

  UnconfiguredSpeechToText(SttInfo info, String reason) {
    this.info = info;
    this.reason = reason;
  }

  String reason() {
    return reason;
  }

  @Override
  public SttInfo info() {
    return info;
  }

  /** Claims every language, so that callers get the actionable error rather than a refusal. */
  @Override
  public boolean supports(String language) {
    return true;
  }

  @Override
  public Transcription open(TranscriptionOptions options, TranscriptListener listener) {
    listener.onError(new VoiceException(VoiceErrorCode.MODEL_NOT_CONFIGURED, reason));
    return Transcriptions.NONE;
  }
}
