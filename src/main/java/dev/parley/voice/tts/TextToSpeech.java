package dev.parley.voice.tts;

/**
 * Streaming speech synthesis. The reply is fed one sentence at a time (see the sentence chunker),
 * and each sentence's audio streams out as it is produced. Adapters: FreeTTS in-process, OpenAI
 * speech, ElevenLabs streaming, Deepgram Aura.
 */
public interface TextToSpeech {

  TtsInfo info();

  /** Whether this engine can speak the language (BCP 47, e.g. {@code es-ES}). */
  default boolean supports(String language) {
    return true;
  }

  /**
   * Starts synthesizing. Audio chunks, then exactly one of {@code onComplete} or {@code onError},
   * reach the listener from a thread of the adapter's choosing; calls never overlap.
   */
  SpeechStream speak(SpeechRequest request, AudioListener listener);
}
