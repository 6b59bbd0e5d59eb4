package dev.parley.voice.stt.cloud;

import dev.parley.http.WebSocketClient;
import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import dev.parley.voice.stt.SpeechToText;
import dev.parley.voice.stt.SttInfo;
import dev.parley.voice.stt.UnavailableSpeechToText;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

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
      return unconfigured(
          provider,
          properties.model(),
          ("Deepgram speech-to-text needs an API key: set %s, or choose another engine with"
                  + " PARLEY_VOICE_STT_PROVIDER.")
              .formatted(Settings.setting(provider, "api-key")));
    }
    var badUrl = badBaseUrl(provider, properties.baseUrl(), List.of("wss", "ws", "https", "http"));
    if (badUrl != null) {
      return unconfigured(provider, properties.model(), badUrl);
    }
    return new DeepgramSpeechToText(properties, new WebSocketClient(properties.timeout()));
  }

  /** OpenAI's transcription endpoint or a compatible server (Groq, local whisper servers). */
  public static SpeechToText openAi(OpenAiTranscriptionProperties properties) {
    var provider = OpenAiSpeechToText.PROVIDER;
    if (properties.missingRequiredKey()) {
      return unconfigured(
          provider,
          properties.model(),
          ("OpenAI speech-to-text needs an API key: set %s (or point %s at a server that needs"
                  + " none), or choose another engine with PARLEY_VOICE_STT_PROVIDER.")
              .formatted(
                  Settings.setting(provider, "api-key"), Settings.setting(provider, "base-url")));
    }
    var badUrl = badBaseUrl(provider, properties.baseUrl(), List.of("https", "http"));
    if (badUrl != null) {
      return unconfigured(provider, properties.model(), badUrl);
    }
    return new OpenAiSpeechToText(properties, httpClient(properties.timeout()));
  }

  private static SpeechToText unconfigured(String provider, String model, String reason) {
    return new UnavailableSpeechToText(
        new SttInfo(provider, model),
        new VoiceException(VoiceErrorCode.MODEL_NOT_CONFIGURED, reason));
  }

  /** What is wrong with a base URL, or null when it is usable. */
  private static String badBaseUrl(String provider, String url, List<String> schemes) {
    try {
      var uri = new URI(url);
      if (uri.getScheme() != null
          && schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT))
          && uri.getHost() != null) {
        return null;
      }
    } catch (URISyntaxException e) {
      // Reported below.
    }
    return "'%s' is no %s URL: check %s."
        .formatted(url, String.join("/", schemes), Settings.setting(provider, "base-url"));
  }

  private static HttpClient httpClient(Duration connectTimeout) {
    return HttpClient.newBuilder().connectTimeout(connectTimeout).build();
  }
}
