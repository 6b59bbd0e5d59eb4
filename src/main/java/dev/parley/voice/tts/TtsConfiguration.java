package dev.parley.voice.tts;

import dev.parley.voice.tts.cloud.CloudTextToSpeech;
import dev.parley.voice.tts.cloud.CloudTtsProperties;
import dev.parley.voice.tts.freetts.FreeTtsTextToSpeech;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Picks the application's single {@link TextToSpeech} from {@code parley.voice.tts.provider}. An
 * engine that cannot speak still yields a bean, so the server starts and says what to do on every
 * request and in the startup log.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({TtsProperties.class, CloudTtsProperties.class})
class TtsConfiguration {

  private static final Logger log = LoggerFactory.getLogger(TtsConfiguration.class);

  @Bean
  TextToSpeech textToSpeech(TtsProperties properties, CloudTtsProperties cloud) {
    var engine = select(properties, cloud);
    if (engine instanceof UnavailableTextToSpeech unavailable) {
      log.warn(unavailable.reason());
    } else {
      log.info("TTS: provider {} with voice {}", engine.info().provider(), engine.info().model());
    }
    return engine;
  }

  static TextToSpeech select(TtsProperties properties, CloudTtsProperties cloud) {
    return switch (properties.provider()) {
      case TtsProperties.FREETTS -> {
        var freetts = new FreeTtsTextToSpeech(properties.freetts().maxConcurrentStreams());
        freetts.warmUp();
        yield freetts;
      }
      case "openai", "elevenlabs", "deepgram" ->
          CloudTextToSpeech.forProvider(properties.provider(), cloud);
      default ->
          new UnavailableTextToSpeech(
              new TtsInfo(properties.provider(), "none"),
              ("Unknown TTS provider '%s' in PARLEY_VOICE_TTS_PROVIDER"
                      + " (parley.voice.tts.provider). Use one of %s.")
                  .formatted(properties.provider(), String.join(", ", TtsProperties.PROVIDERS)));
    };
  }
}
