package dev.parley.voice.stt.cloud;

import dev.parley.voice.stt.SpeechToText;
import dev.parley.voice.stt.SttInfo;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;

/**
 * The cloud speech-to-text adapters. Without an API key each factory still returns an adapter, one
 * whose transcriptions fail with {@code MODEL_NOT_CONFIGURED} naming the variable to set, so a
 * missing key never stops the server from starting.
 */
public final class CloudSpeechToText {

  private CloudSpeechToText() {}

  /** Deepgram live streaming: partials while the user speaks, the final right after the end. */
  public static SpeechToText deepgram(DeepgramProperties properties) {
    var provider = DeepgramSpeechToText.PROVIDER;
    if (properties.apiKey() == null) {
      return new UnconfiguredSpeechToText(
          new SttInfo(provider, properties.model()),
          "Deepgram speech-to-text needs an API key: set %s, or choose another engine with PARLEY_VOICE_STT_PROVIDER."
              .formatted(Settings.setting(provider, "api-key")));
    }
    return new DeepgramSpeechToText(properties, httpClient(properties.timeout()));
  }

  /** OpenAI's transcription endpoint or a compatible server (Groq, local whisper servers). */
  public static SpeechToText openAi(OpenAiTranscriptionProperties properties) {
    var provider = OpenAiSpeechToText.PROVIDER;
    if (properties.missingRequiredKey()) {
      return new UnconfiguredSpeechToText(
          new SttInfo(provider, properties.model()),
          "OpenAI speech-to-text needs an API key: set %s (or point %s at a server that needs none), or choose another engine with PARLEY_VOICE_STT_PROVIDER."
              .formatted(Settings.setting(provider, "api-key"), Settings.setting(provider, "base-url")));
    }
    return new OpenAiSpeechToText(properties, httpClient(properties.timeout()));
  }

  /** Why an adapter from these factories cannot transcribe, e.g. for a health check. */
  public static Optional<String> configurationProblem(SpeechToText engine) {
    return engine instanceof UnconfiguredSpeechToText unconfigured
        ? Optional.of(unconfigured.reason())
        : Optional.empty();
  }

  private static HttpClient httpClient(Duration connectTimeout) {
    return HttpClient.newBuilder().connectTimeout(connectTimeout).build();
  }
}
