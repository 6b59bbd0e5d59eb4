package dev.parley.voice.tts;

import dev.parley.voice.VoiceException;
import dev.parley.voice.audio.AudioFormat;

public interface AudioListener {

  /**
   * The first {@code count} samples of {@code samples}: mono PCM16 in the given format (adapters
   * keep one format per stream). The adapter may reuse the array once this returns, so a listener
   * copies what it keeps; a reply's audio is then the only copy made of it.
   */
  void onAudio(short[] samples, int count, AudioFormat format);

  void onComplete();

  void onError(VoiceException error);
}
