package dev.parley.conversation;

import dev.parley.character.CefrLevel;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The voice pipeline on the session socket, under {@code parley.voice.pipeline.*}.
 *
 * @param speakingRate the reply's speaking rate by the learner's CEFR level (1.0 normal)
 * @param sentenceQueue reply sentences waiting for the synthesizer; a reply that gets this far
 *     ahead of the speech waits for it
 * @param partialInterval shortest gap between two {@code transcript.partial} events
 * @param maxFrame longest accepted audio frame from the client
 * @param replyFrame longest reply audio frame sent to the client
 * @param playbackGrace how long after its audio was sent a reply still counts as playing, beyond
 *     its own duration, when the client does not say it finished
 * @param prefillOnPartials read the learner's words into an in-process model's prompt cache while
 *     they speak, from the partial transcripts, so the reply starts sooner after they stop
 */
@ConfigurationProperties("parley.voice.pipeline")
public record VoiceProperties(
    @DefaultValue SpeakingRate speakingRate,
    @DefaultValue("16") int sentenceQueue,
    @DefaultValue("150ms") Duration partialInterval,
    @DefaultValue("200ms") Duration maxFrame,
    @DefaultValue("200ms") Duration replyFrame,
    @DefaultValue("1s") Duration playbackGrace,
    @DefaultValue("true") boolean prefillOnPartials) {

  public VoiceProperties {
    if (sentenceQueue < 1 || maxFrame.isNegative() || maxFrame.isZero() || replyFrame.isZero()) {
      throw new IllegalArgumentException(
          "parley.voice.pipeline: sentence-queue, max-frame and reply-frame must be positive");
    }
  }

  public static VoiceProperties defaults() {
    return new VoiceProperties(
        SpeakingRate.defaults(),
        16,
        Duration.ofMillis(150),
        Duration.ofMillis(200),
        Duration.ofMillis(200),
        Duration.ofSeconds(1),
        true);
  }

  /** Slower speech for beginners. */
  public record SpeakingRate(
      @DefaultValue("0.8") double a1,
      @DefaultValue("0.85") double a2,
      @DefaultValue("0.9") double b1,
      @DefaultValue("1.0") double b2,
      @DefaultValue("1.0") double c1,
      @DefaultValue("1.0") double c2) {

    public SpeakingRate {
      if (a1 <= 0 || a2 <= 0 || b1 <= 0 || b2 <= 0 || c1 <= 0 || c2 <= 0) {
        throw new IllegalArgumentException("parley.voice.pipeline.speaking-rate must be positive");
      }
    }

    static SpeakingRate defaults() {
      return new SpeakingRate(0.8, 0.85, 0.9, 1.0, 1.0, 1.0);
    }

    double forLevel(CefrLevel level) {
      return switch (level) {
        case A1 -> a1;
        case A2 -> a2;
        case B1 -> b1;
        case B2 -> b2;
        case C1 -> c1;
        case C2 -> c2;
      };
    }
  }
}
