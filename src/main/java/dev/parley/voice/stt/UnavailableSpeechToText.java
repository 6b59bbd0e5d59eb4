package dev.parley.voice.stt;

import dev.parley.voice.VoiceException;

/**
 * Stands in when the configured engine cannot run (library, model, key or a usable base URL
 * missing), so that the server still starts and every transcription fails with the message saying what to do.
 */
public final class UnavailableSpeechToText implements SpeechToText {

  private final SttInfo info;
  private final VoiceException reason;

  public UnavailableSpeechToText(SttInfo info, VoiceException reason) {
    this.info = info;
    this.reason = reason;
  }

  public VoiceException reason() {
    return reason;
  }

  @Override
  public SttInfo info() {
    return info;
  }

  /** True, so that callers reach {@link #open} and report the real reason. */
  @Override
  public boolean supports(String language) {
    return true;
  }

  @Override
  public Transcription open(TranscriptionOptions options, TranscriptListener listener) {
    listener.onError(reason);
    return new Transcription() {
      @Override
      public void accept(short[] samples) {}

      @Override
      public void finish() {}

      @Override
      public void cancel() {}
    };
  }
}
