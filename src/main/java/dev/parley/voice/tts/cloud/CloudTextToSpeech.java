package dev.parley.voice.tts.cloud;

import dev.parley.voice.tts.TextToSpeech;
import java.util.Locale;
import java.util.Set;

/**
 * Builds the cloud {@link TextToSpeech} adapters. A vendor without an API key still builds: its
 * {@code speak} reports {@code MODEL_NOT_CONFIGURED} naming the variable to set, so a missing key
 * never stops the server from starting.
 */
public final class CloudTextToSpeech {

  /** The {@code parley.voice.tts.provider} values served here. */
  public static final Set<String> PROVIDERS = Set.of("openai", "elevenlabs", "deepgram");

  private CloudTextToSpeech() {}

  /** OpenAI speech: 24 kHz PCM16. */
  public static TextToSpeech openAi(
      CloudTtsProperties.Vendor vendor, CloudTtsProperties.Timeouts timeouts) {
    return new OpenAiSpeech(vendor, timeouts);
  }

  /** ElevenLabs streaming: 16 kHz PCM16. */
  public static TextToSpeech elevenLabs(
      CloudTtsProperties.Vendor vendor, CloudTtsProperties.Timeouts timeouts) {
    return new ElevenLabsSpeech(vendor, timeouts);
  }

  /** Deepgram Aura: 16 kHz PCM16. */
  public static TextToSpeech deepgram(
      CloudTtsProperties.Vendor vendor, CloudTtsProperties.Timeouts timeouts) {
    return new DeepgramSpeech(vendor, timeouts);
  }

  /**
   * The adapter for a {@code parley.voice.tts.provider} value.
   *
   * @throws IllegalArgumentException for a provider not in {@link #PROVIDERS}
   */
  public static TextToSpeech forProvider(String provider, CloudTtsProperties properties) {
    var timeouts = properties.timeouts();
    return switch (provider.trim().toLowerCase(Locale.ROOT)) {
      case "openai" -> openAi(properties.openai(), timeouts);
      case "elevenlabs" -> elevenLabs(properties.elevenlabs(), timeouts);
      case "deepgram" -> deepgram(properties.deepgram(), timeouts);
      default ->
          throw new IllegalArgumentException(
              "Unknown cloud speech provider '%s'; expected one of %s"
                  .formatted(provider, PROVIDERS));
    };
  }
}
