package dev.parley.voice.stt;

/** One utterance being transcribed. */
public interface Transcription {

  /**
   * Adds audio: mono PCM16 samples at {@link dev.parley.voice.audio.AudioFormat#PIPELINE_RATE}
   * (16 kHz). Must not block for long: engines queue or process incrementally.
   */
  void accept(short[] samples);

  /** The utterance is over (end of turn): the final transcript follows. */
  void finish();

  /** Abandons the utterance: no final transcript; resources are released. Idempotent. */
  void cancel();
}
