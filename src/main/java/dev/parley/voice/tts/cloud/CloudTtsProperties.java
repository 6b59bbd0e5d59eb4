package dev.parley.voice.tts.cloud;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Cloud speech synthesis under {@code parley.voice.tts.*}: one block per vendor, e.g. {@code
 * PARLEY_VOICE_TTS_OPENAI_API_KEY=...}. Every field has a default, so an empty configuration binds;
 * a vendor without a key yields an adapter that explains which variable to set.
 *
 * @param connectTimeout how long to wait for a vendor's connection
 * @param timeout how long one sentence may take, from sending it to its last audio byte
 */
@ConfigurationProperties("parley.voice.tts")
public record CloudTtsProperties(
    Vendor openai, Vendor elevenlabs, Vendor deepgram, Duration connectTimeout, Duration timeout) {

  public CloudTtsProperties {
    openai = Vendor.orDefaults(openai, "https://api.openai.com/v1", OpenAiSpeech.DEFAULT_MODEL);
    elevenlabs =
        Vendor.orDefaults(elevenlabs, "https://api.elevenlabs.io", ElevenLabsSpeech.DEFAULT_MODEL);
    deepgram =
        Vendor.orDefaults(deepgram, "https://api.deepgram.com", DeepgramSpeech.DEFAULT_MODEL);
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
    timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
  }

  /** Every default: no keys, the vendors' public endpoints. */
  public static CloudTtsProperties defaults() {
    return new CloudTtsProperties(null, null, null, null, null);
  }

  public Timeouts timeouts() {
    return new Timeouts(connectTimeout, timeout);
  }

  /**
   * One vendor (or a server speaking its protocol).
   *
   * @param baseUrl where its API lives; OpenAI's includes {@code /v1}, the others' do not
   * @param apiKey the secret sent with every request
   * @param model OpenAI: {@code gpt-4o-mini-tts} or {@code tts-1}; ElevenLabs: {@code model_id};
   *     Deepgram: the voice family, {@code aura-2}
   * @param voices Parley voice hints to vendor voices. Keys, most specific first: the hint itself
   *     ({@code es-ES-female-1}), language tag and gender ({@code es-ES-female}), primary language
   *     and gender ({@code es-female}), gender ({@code female}). Values: an OpenAI voice name, an
   *     ElevenLabs voice id, a Deepgram model such as {@code aura-2-celeste-es}.
   */
  public record Vendor(String baseUrl, String apiKey, String model, Map<String, String> voices) {

    static Vendor orDefaults(Vendor vendor, String defaultBaseUrl, String defaultModel) {
      var given = vendor == null ? new Vendor(null, null, null, null) : vendor;
      var voices = new LinkedHashMap<String, String>();
      if (given.voices != null) {
        given.voices.forEach(
            (hint, voice) -> {
              if (!isBlank(hint) && !isBlank(voice)) {
                voices.put(hint.trim().toLowerCase(Locale.ROOT), voice.trim());
              }
            });
      }
      return new Vendor(
          isBlank(given.baseUrl) ? defaultBaseUrl : stripSlash(given.baseUrl.trim()),
          isBlank(given.apiKey) ? null : given.apiKey.trim(),
          isBlank(given.model) ? defaultModel : given.model.trim(),
          Map.copyOf(voices));
    }

    /** This vendor at another address, e.g. a loopback fake or a proxy. */
    public Vendor withBaseUrl(String url) {
      return new Vendor(url, apiKey, model, voices);
    }

    public Vendor withApiKey(String key) {
      return new Vendor(baseUrl, key, model, voices);
    }

    public Vendor withModel(String name) {
      return new Vendor(baseUrl, apiKey, name, voices);
    }

    public Vendor withVoices(Map<String, String> mapping) {
      return orDefaults(new Vendor(baseUrl, apiKey, model, mapping), baseUrl, model);
    }

    boolean hasApiKey() {
      return !isBlank(apiKey);
    }

    private static String stripSlash(String url) {
      return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static boolean isBlank(String value) {
      return value == null || value.isBlank();
    }
  }

  /**
   * @param connect how long to wait for the connection
   * @param total how long one sentence may take, from sending it to its last audio byte
   */
  public record Timeouts(Duration connect, Duration total) {

    public Timeouts {
      connect = connect == null ? Duration.ofSeconds(5) : connect;
      total = total == null ? Duration.ofSeconds(30) : total;
    }
  }
}
