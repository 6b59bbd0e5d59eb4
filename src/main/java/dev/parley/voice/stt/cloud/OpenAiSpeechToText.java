package dev.parley.voice.stt.cloud;

import dev.parley.voice.stt.SpeechToText;
import dev.parley.voice.stt.SttInfo;
import dev.parley.voice.stt.TranscriptListener;
import dev.parley.voice.stt.Transcription;
import dev.parley.voice.stt.TranscriptionOptions;
import java.net.http.HttpClient;

/**
 * OpenAI's transcription endpoint and the servers that copy it (Groq, local whisper servers): the
 * utterance is buffered and uploaded as one WAV file when it ends, so there are no partials.
 */
final class OpenAiSpeechToText implements SpeechToText {

  static final String PROVIDER = "openai";

  private final OpenAiTranscriptionProperties properties;
  private final HttpClient http;
  private final ProviderErrors errors;

  OpenAiSpeechToText(OpenAiTranscriptionProperties properties, HttpClient http) {
    this.properties = properties;
    this.http = http;
    this.errors = new ProviderErrors(PROVIDER, properties.baseUrl());
  }

  @Override
  public SttInfo info() {
    return new SttInfo(PROVIDER, properties.model());
  }

  /** Whisper models take about a hundred languages; the endpoint wants their ISO 639-1 code. */
  @Override
  public boolean supports(String language) {
    return Languages.primary(language).length() == 2;
  }

  @Override
  public Transcription open(TranscriptionOptions options, TranscriptListener listener) {
    return new OpenAiTranscription(
        http,
        properties,
        errors,
        Languages.primary(options.language()),
        new GuardedListener(listener));
  }
}
