package dev.parley.voice.stt.cloud;

import java.time.Duration;

/**
 * Deepgram live transcription, under {@code parley.voice.stt.deepgram.*}.
 *
 * @param apiKey the project key, sent as {@code Authorization: Token <key>}; set it with {@code
 *     PARLEY_VOICE_STT_DEEPGRAM_API_KEY}
 * @param baseUrl the API root; {@code /listen} is appended ({@code http(s)} is read as {@code
 *     ws(s)})
 * @param model e.g. {@code nova-3}
 * @param timeout how long connecting may take, and how long the final transcript may take after the
 *     end of the utterance
 */
public record DeepgramProperties(String apiKey, String baseUrl, String model, Duration timeout) {

  public static final String DEFAULT_BASE_URL = "wss://api.deepgram.com/v1";
  public static final String DEFAULT_MODEL = "nova-3";

  public DeepgramProperties {
    apiKey = Settings.trimToNull(apiKey);
    baseUrl = Settings.orDefault(baseUrl, DEFAULT_BASE_URL);
    model = Settings.orDefault(model, DEFAULT_MODEL);
    timeout =
        timeout == null || timeout.isNegative() || timeout.isZero()
            ? Duration.ofSeconds(10)
            : timeout;
  }

  /** Defaults with this key. */
  public static DeepgramProperties withKey(String apiKey) {
    return new DeepgramProperties(apiKey, null, null, null);
  }
}
