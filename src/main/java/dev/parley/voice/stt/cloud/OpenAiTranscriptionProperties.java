package dev.parley.voice.stt.cloud;

import java.time.Duration;

/**
 * An OpenAI-compatible transcription endpoint ({@code POST {baseUrl}/audio/transcriptions}), under
 * {@code parley.voice.stt.openai.*}: OpenAI itself, Groq ({@code https://api.groq.com/openai/v1},
 * model {@code whisper-large-v3-turbo}) or a local whisper server.
 *
 * @param apiKey sent as {@code Authorization: Bearer <key>}; set it with {@code
 *     PARLEY_VOICE_STT_OPENAI_API_KEY}. Only OpenAI's own endpoint requires one: a server at
 *     another base URL is called without a key when none is set
 * @param baseUrl the API root, ending in {@code /v1} for OpenAI and Groq
 * @param model e.g. {@code whisper-1}, {@code gpt-4o-transcribe}, {@code whisper-large-v3-turbo}
 * @param timeout how long one transcription request may take
 */
public record OpenAiTranscriptionProperties(
    String apiKey, String baseUrl, String model, Duration timeout) {

  public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
  public static final String DEFAULT_MODEL = "whisper-1";

  public OpenAiTranscriptionProperties {
    apiKey = Settings.trimToNull(apiKey);
    baseUrl = Settings.orDefault(baseUrl, DEFAULT_BASE_URL);
    model = Settings.orDefault(model, DEFAULT_MODEL);
    timeout =
        timeout == null || timeout.isNegative() || timeout.isZero()
            ? Duration.ofSeconds(30)
            : timeout;
  }

  /** Defaults with this key. */
  public static OpenAiTranscriptionProperties withKey(String apiKey) {
    return new OpenAiTranscriptionProperties(apiKey, null, null, null);
  }

  /** OpenAI's own endpoint refuses every call without a key; other servers may not need one. */
  boolean missingRequiredKey() {
    return apiKey == null && baseUrl.startsWith("https://api.openai.com");
  }
}
