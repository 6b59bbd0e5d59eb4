package dev.parley.voice.tts;

import dev.parley.voice.VoiceException;
import dev.parley.voice.audio.AudioFormat;

public interface AudioListener {

  /** A chunk of mono PCM16 audio in the given format (adapters keep one format per stream). */
  void onAudio(short[] samples, AudioFormat format);

  void onComplete();

  void onError(VoiceException error);
}
