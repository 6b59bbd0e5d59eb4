package dev.parley.voice.vad;

/**
 * Skips the neural VAD on frames too quiet to be speech. The bar is the higher of a fixed floor and
 * the learned background level times a margin, capped so that a noisy room never gates a voice
 * speaking over it. The background level is learned only from frames the detector judged not to be
 * speech: it falls quickly and rises more slowly (about 0.6 s time constant at 32 ms frames). After
 * a frame passes, the next ones pass too for the hangover: quiet consonants and closures inside
 * speech sink to the background level, and gating them would break Silero's view of the word.
 */
final class EnergyGate {

  private static final double RISE = 0.05;
  private static final double FALL = 0.2;

  private final VadProperties.Gate settings;
  private final int hangoverFrames;
  private double noiseFloor;
  private int hangoverLeft;

  EnergyGate(VadProperties.Gate settings) {
    this.settings = settings;
    // Start with the bar at the fixed floor until the room has been heard.
    this.noiseFloor = settings.minRms() / settings.noiseMargin();
    this.hangoverFrames = (int) Math.round(settings.hangover().toMillis() / 32.0);
  }

  boolean admits(double rms) {
    if (!settings.enabled() || rms >= threshold()) {
      hangoverLeft = hangoverFrames;
      return true;
    }
    if (hangoverLeft > 0) {
      hangoverLeft--;
      return true;
    }
    return false;
  }

  double threshold() {
    return Math.min(
        settings.maxRms(), Math.max(settings.minRms(), noiseFloor * settings.noiseMargin()));
  }

  void learnBackground(double rms) {
    noiseFloor += (rms - noiseFloor) * (rms < noiseFloor ? FALL : RISE);
  }
}
