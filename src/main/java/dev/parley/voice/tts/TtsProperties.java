package dev.parley.voice.tts;

import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which engine speaks, under {@code parley.voice.tts.*}. With no configuration FreeTTS speaks
 * in-process (English only).
 *
 * @param provider {@code freetts} (default), {@code openai}, {@code elevenlabs} or {@code deepgram}
 * @param freetts settings of the in-process engine
 * @see dev.parley.voice.tts.cloud.CloudTtsProperties the cloud vendors' settings, under the same
 *     prefix
 */
@ConfigurationProperties("parley.voice.tts")
public record TtsProperties(String provider, FreeTts freetts) {

  public static final String FREETTS = "freetts";
  public static final List<String> PROVIDERS = List.of(FREETTS, "openai", "elevenlabs", "deepgram");

  public TtsProperties {
    provider =
        provider == null || provider.isBlank()
            ? FREETTS
            : provider.strip().toLowerCase(Locale.ROOT);
    freetts = freetts == null ? new FreeTts(null) : freetts;
  }

  /**
   * @param maxConcurrentStreams sentences synthesized at once, each on its own voice (~60 ms and a
   *     few MiB to allocate); more wait their turn
   */
  public record FreeTts(Integer maxConcurrentStreams) {

    public FreeTts {
      maxConcurrentStreams =
          maxConcurrentStreams == null || maxConcurrentStreams < 1 ? 2 : maxConcurrentStreams;
    }
  }
}
