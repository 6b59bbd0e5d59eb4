package dev.parley.voice.vad;

import dev.parley.character.CefrLevel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code parley.voice.vad.*}.
 *
 * @param startThreshold speech probability at which a frame counts as speech
 * @param stopThreshold probability below which a frame counts as silence inside a turn
 * @param minSpeech speech shorter than this (rounded to 32 ms frames) is a click, not a turn
 * @param trailingSilence silence that ends a turn when the learner's level is unknown or unlisted
 * @param trailingSilenceByLevel silence that ends a turn per CEFR level: beginners pause
 *     mid-sentence to find words; configured entries replace the defaults level by level
 * @param maxTurn a turn is cut here even if the learner keeps talking
 * @param preRoll audio before the confirmed onset that goes to STT with the turn
 * @param gate the energy pre-gate in front of the neural VAD
 * @param speechRecheck inside a turn, while the network has just called the audio speech and the
 *     frames stay above the gate's bar, it runs again only this often; quieter or ambiguous frames
 *     (where the turn could end) are always classified. 32ms runs it on every frame the gate admits
 * @param model a Silero VAD v5 ONNX file to use instead of the bundled one
 */
@ConfigurationProperties("parley.voice.vad")
public record VadProperties(
    @DefaultValue("0.5") float startThreshold,
    @DefaultValue("0.35") float stopThreshold,
    @DefaultValue("96ms") Duration minSpeech,
    @DefaultValue("700ms") Duration trailingSilence,
    Map<CefrLevel, Duration> trailingSilenceByLevel,
    @DefaultValue("30s") Duration maxTurn,
    @DefaultValue("300ms") Duration preRoll,
    @DefaultValue Gate gate,
    @DefaultValue("160ms") Duration speechRecheck,
    Path model) {

  private static final Map<CefrLevel, Duration> LEVEL_DEFAULTS =
      Map.of(
          CefrLevel.A1, Duration.ofMillis(1400),
          CefrLevel.A2, Duration.ofMillis(1200),
          CefrLevel.B1, Duration.ofMillis(900),
          CefrLevel.B2, Duration.ofMillis(800),
          CefrLevel.C1, Duration.ofMillis(700),
          CefrLevel.C2, Duration.ofMillis(700));

  public VadProperties {
    if (!(stopThreshold > 0 && stopThreshold <= startThreshold && startThreshold < 1)) {
      throw new IllegalArgumentException(
          "parley.voice.vad: need 0 < stop-threshold <= start-threshold < 1, got "
              + stopThreshold
              + " and "
              + startThreshold);
    }
    var levels = new EnumMap<CefrLevel, Duration>(LEVEL_DEFAULTS);
    if (trailingSilenceByLevel != null) {
      levels.putAll(trailingSilenceByLevel);
    }
    trailingSilenceByLevel = Map.copyOf(levels);
    for (var duration : levels.values()) {
      requirePositive("trailing-silence-by-level", duration);
    }
    requirePositive("min-speech", minSpeech);
    requirePositive("trailing-silence", trailingSilence);
    requirePositive("max-turn", maxTurn);
    requirePositive("speech-recheck", speechRecheck);
    if (preRoll.isNegative()) {
      throw new IllegalArgumentException("parley.voice.vad.pre-roll must not be negative");
    }
    if (gate == null) {
      gate = Gate.defaults();
    }
  }

  /** The defaults, for code that runs without Spring. */
  public static VadProperties defaults() {
    return new VadProperties(
        0.5f,
        0.35f,
        Duration.ofMillis(96),
        Duration.ofMillis(700),
        null,
        Duration.ofSeconds(30),
        Duration.ofMillis(300),
        Gate.defaults(),
        Duration.ofMillis(160),
        null);
  }

  public Duration trailingSilenceFor(CefrLevel level) {
    return level == null
        ? trailingSilence
        : trailingSilenceByLevel.getOrDefault(level, trailingSilence);
  }

  int minSpeechFrames() {
    return (int) Math.max(1, Math.round(minSpeech.toMillis() / 32.0));
  }

  public VadProperties withMaxTurn(Duration max) {
    return new VadProperties(
        startThreshold,
        stopThreshold,
        minSpeech,
        trailingSilence,
        trailingSilenceByLevel,
        max,
        preRoll,
        gate,
        speechRecheck,
        model);
  }

  public VadProperties withGate(Gate newGate) {
    return new VadProperties(
        startThreshold,
        stopThreshold,
        minSpeech,
        trailingSilence,
        trailingSilenceByLevel,
        maxTurn,
        preRoll,
        newGate,
        speechRecheck,
        model);
  }

  public VadProperties withSpeechRecheck(Duration every) {
    return new VadProperties(
        startThreshold,
        stopThreshold,
        minSpeech,
        trailingSilence,
        trailingSilenceByLevel,
        maxTurn,
        preRoll,
        gate,
        every,
        model);
  }

  int speechRecheckFrames() {
    return (int) Math.max(1, Math.round(speechRecheck.toMillis() / 32.0));
  }

  private static void requirePositive(String name, Duration duration) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("parley.voice.vad." + name + " must be positive");
    }
  }

  /**
   * Frames quieter than the bar get probability 0 without running the network.
   *
   * @param enabled off runs the network on every frame
   * @param minRms fixed floor of the bar, RMS in [0, 1] (0.003 is about -50 dBFS)
   * @param noiseMargin the bar is at least the learned background level times this
   * @param maxRms the learned bar never rises above this, so speech over noise is still classified
   * @param hangover frames keep passing this long after one that passed, so that quiet sounds
   *     inside speech still reach the network
   */
  public record Gate(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("0.003") double minRms,
      @DefaultValue("2.0") double noiseMargin,
      @DefaultValue("0.03") double maxRms,
      @DefaultValue("256ms") Duration hangover) {

    public Gate {
      if (minRms < 0 || maxRms < minRms || noiseMargin < 1) {
        throw new IllegalArgumentException(
            "parley.voice.vad.gate: need 0 <= min-rms <= max-rms and noise-margin >= 1");
      }
      if (hangover == null || hangover.isNegative()) {
        throw new IllegalArgumentException("parley.voice.vad.gate.hangover must not be negative");
      }
    }

    public static Gate defaults() {
      return new Gate(true, 0.003, 2.0, 0.03, Duration.ofMillis(256));
    }
  }
}
