package dev.parley.voice.stt;

/**
 * Streaming speech recognition. One {@link Transcription} per user turn: audio goes in as it
 * arrives, partial transcripts come out while the user speaks, one final transcript after {@link
 * Transcription#finish()}. Adapters: whisper.cpp and pocketsphinx in-process, Deepgram live,
 * OpenAI-compatible transcription.
 */
public interface SpeechToText {

  /** Provider and model, persisted with every turn. */
  SttInfo info();

  /** Whether this engine can transcribe the language (BCP 47, e.g. {@code en-US}). */
  boolean supports(String language);

  /**
   * Starts a transcription. Listener calls for one transcription never overlap and may come from
   * any thread; after {@code onFinal} or {@code onError} there are no more.
   */
  Transcription open(TranscriptionOptions options, TranscriptListener listener);
}
