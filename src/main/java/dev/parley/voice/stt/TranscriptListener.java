package dev.parley.voice.stt;

import dev.parley.voice.VoiceException;

public interface TranscriptListener {

  /** The best guess so far for the whole utterance (not a delta). */
  void onPartial(String text);

  void onFinal(Transcript transcript);

  void onError(VoiceException error);
}
