package dev.parley.voice.stt;

import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import dev.parley.voice.stt.cloud.CloudSpeechToText;
import dev.parley.voice.stt.pocketsphinx.PocketsphinxSpeechToText;
import dev.parley.voice.stt.whisper.WhisperSettings;
import dev.parley.voice.stt.whisper.WhisperSpeechToText;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Picks the application's {@link SpeechToText} from {@code parley.voice.stt.provider}. An engine
 * that cannot run still yields a bean, so the server starts; every transcription then fails with
 * the reason, which is also logged at startup.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SttProperties.class)
class SttConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SttConfiguration.class);

  @Bean
  SpeechToText speechToText(
      SttProperties properties, @Value("${parley.models.dir:./models}") String modelsDir) {
    // A String, not a Path: Spring's conversion drops the leading "./" the user wrote.
    var engine = select(properties, Path.of(modelsDir));
    if (engine instanceof UnavailableSpeechToText unavailable) {
      log.warn("Speech-to-text unavailable: {}", unavailable.reason().getMessage());
    } else {
      log.info("Speech-to-text: {} with model {}", engine.info().provider(), engine.info().model());
    }
    return engine;
  }

  static SpeechToText select(SttProperties properties, Path modelsDir) {
    var provider = properties.provider();
    try {
      return switch (provider) {
        case SttProperties.POCKETSPHINX -> {
          var settings = properties.pocketsphinx();
          yield new PocketsphinxSpeechToText(
              Path.of(settings.modelDir()), settings.idleDecoders(), settings.flatPass());
        }
        case SttProperties.WHISPER -> {
          var settings = properties.whisper();
          yield new WhisperSpeechToText(
              settings.modelFile(modelsDir),
              new WhisperSettings(settings.threads(), settings.partialInterval()));
        }
        case SttProperties.DEEPGRAM -> CloudSpeechToText.deepgram(properties.deepgram());
        case SttProperties.OPENAI -> CloudSpeechToText.openAi(properties.openai());
        default ->
            throw new VoiceException(
                VoiceErrorCode.MODEL_NOT_CONFIGURED,
                ("Unknown speech-to-text provider '%s' in PARLEY_VOICE_STT_PROVIDER"
                        + " (parley.voice.stt.provider). Use one of pocketsphinx, whisper,"
                        + " deepgram, openai.")
                    .formatted(provider));
      };
    } catch (VoiceException e) {
      return new UnavailableSpeechToText(new SttInfo(provider, "none"), e);
    }
  }
}
