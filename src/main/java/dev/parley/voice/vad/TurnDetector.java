package dev.parley.voice.vad;

import static dev.parley.voice.vad.SileroVadModel.millis;

import dev.parley.character.CefrLevel;
import dev.parley.voice.audio.Pcm16;

/**
 * Finds the learner's turns in one 16 kHz stream: fed chunks of any size, it classifies 32 ms
 * frames (the energy gate first, the neural VAD only on frames loud enough to matter) and reports
 * turn starts, turn audio and turn ends to its {@link TurnListener}. Inside a turn, once the
 * network has called the audio speech, frames that stay above the gate's bar keep that verdict
 * without the network for up to {@link VadProperties#speechRecheck()}, and once it has called
 * silence, frames below the bar keep that one: only frames where the verdict could change (louder
 * or quieter than the last, ambiguous) and the periodic recheck pay for it.
 * Hysteresis as in Silero's reference: speech needs the start threshold for the minimum speech
 * duration; the turn ends after the level's trailing silence below the stop threshold, broken only
 * by a frame back above the start threshold. Events depend only on the samples, never on how they
 * were chunked or on the wall clock. One per session, fed from one thread at a time.
 */
public final class TurnDetector implements Endpointer {

  private static final int FRAME = FrameClassifier.FRAME_SAMPLES;

  private final FrameClassifier classifier;
  private final EnergyGate gate;
  private final VadCounters counters;
  private final TurnListener listener;
  private final float startThreshold;
  private final float stopThreshold;
  private final int minSpeechFrames;
  private final long silenceSamples;
  private final long maxTurnSamples;
  private final int preRollSamples;
  private final int recheckFrames;
  private final AudioHistory history;

  private short[] pending = new short[FRAME];
  private int pendingLength;
  private long position;
  private int speechRun;
  private long onset;
  private boolean inTurn;
  private long silenceSince = -1;
  private float lastProbability;
  private int framesSinceClassified;
  private long gatedFrames;
  private long classifiedFrames;
  private long skippedFrames;

  public TurnDetector(
      FrameClassifier classifier,
      VadProperties properties,
      CefrLevel level,
      VadCounters counters,
      TurnListener listener) {
    this.classifier = classifier;
    this.gate = new EnergyGate(properties.gate());
    this.counters = counters;
    this.listener = listener;
    this.startThreshold = properties.startThreshold();
    this.stopThreshold = properties.stopThreshold();
    this.minSpeechFrames = properties.minSpeechFrames();
    this.silenceSamples = samples(properties.trailingSilenceFor(level).toMillis());
    this.maxTurnSamples = samples(properties.maxTurn().toMillis());
    this.preRollSamples = (int) samples(properties.preRoll().toMillis());
    this.recheckFrames = properties.speechRecheckFrames();
    this.history = new AudioHistory(preRollSamples + minSpeechFrames * FRAME);
  }

  @Override
  public void accept(short[] samples) {
    int offset = 0;
    while (offset < samples.length) {
      int take = Math.min(FRAME - pendingLength, samples.length - offset);
      System.arraycopy(samples, offset, pending, pendingLength, take);
      pendingLength += take;
      offset += take;
      if (pendingLength == FRAME) {
        var frame = pending;
        pending = new short[FRAME];
        pendingLength = 0;
        onFrame(frame);
      }
    }
  }

  @Override
  public boolean inTurn() {
    return inTurn;
  }

  @Override
  public void endTurn() {
    if (inTurn) {
      leaveTurn();
      listener.speechStopped(millis(position), millis(silenceSince < 0 ? position : silenceSince));
    }
  }

  /** Frames of this stream the energy gate kept from the neural VAD. */
  public long gatedFrames() {
    return gatedFrames;
  }

  /** Frames of this stream the neural VAD classified. */
  public long classifiedFrames() {
    return classifiedFrames;
  }

  /** Frames inside a turn that kept the network's last verdict without running it. */
  public long skippedFrames() {
    return skippedFrames;
  }

  @Override
  public void close() {
    classifier.close();
  }

  private void onFrame(short[] frame) {
    long frameStart = position;
    position += FRAME;
    history.write(frame);
    double rms = Pcm16.rms(frame);
    float probability;
    if (!gate.admits(rms)) {
      classifier.skip(frame);
      probability = 0;
      gatedFrames++;
      counters.countGated();
    } else if (verdictStands(rms)) {
      classifier.skip(frame);
      probability = lastProbability;
      framesSinceClassified++;
      skippedFrames++;
      counters.countSkipped();
    } else {
      probability = classifier.speechProbability(frame);
      lastProbability = probability;
      framesSinceClassified = 0;
      classifiedFrames++;
      counters.countClassified();
    }
    if (inTurn) {
      continueTurn(frame, frameStart, probability);
    } else {
      awaitSpeech(frameStart, probability, rms);
    }
  }

  /**
   * Whether the network's latest verdict can stand for this frame without running it: inside a turn
   * until the recheck is due, speech stays speech while frames are as loud as speech, and silence
   * stays silence while they are quieter than the gate's bar (inside its hangover). Onsets, the
   * first quiet frame after speech, the first loud frame after silence and ambiguous verdicts are
   * always classified, so a turn's start, end and resumption are the network's calls.
   */
  private boolean verdictStands(double rms) {
    if (!inTurn || framesSinceClassified + 1 >= recheckFrames) {
      return false;
    }
    boolean loud = rms >= gate.threshold();
    return silenceSince < 0
        ? lastProbability >= startThreshold && loud
        : lastProbability < stopThreshold && !loud;
  }

  private void awaitSpeech(long frameStart, float probability, double rms) {
    if (probability >= startThreshold) {
      if (speechRun++ == 0) {
        onset = frameStart;
      }
      if (speechRun >= minSpeechFrames) {
        inTurn = true;
        silenceSince = -1;
        listener.speechStarted(millis(onset));
        listener.onAudio(history.since(onset - preRollSamples));
      }
    } else {
      speechRun = 0;
      if (probability < stopThreshold) {
        gate.learnBackground(rms);
      }
    }
  }

  private void continueTurn(short[] frame, long frameStart, float probability) {
    listener.onAudio(frame);
    if (probability >= startThreshold) {
      silenceSince = -1;
    } else if (probability < stopThreshold && silenceSince < 0) {
      silenceSince = frameStart;
    }
    if (silenceSince >= 0 && position - silenceSince >= silenceSamples) {
      leaveTurn();
      listener.speechStopped(millis(position), millis(silenceSince));
    } else if (position - onset >= maxTurnSamples) {
      leaveTurn();
      listener.maxTurnReached(millis(position));
    }
  }

  private void leaveTurn() {
    inTurn = false;
    speechRun = 0;
  }

  private static long samples(long millis) {
    return millis * SileroVadModel.SAMPLE_RATE / 1000;
  }

  /** The most recent samples, for the pre-roll. */
  private static final class AudioHistory {

    private final short[] ring;
    private long written;

    AudioHistory(int capacity) {
      ring = new short[capacity];
    }

    // Every frame passes through here: block copies, not a division per sample.
    void write(short[] samples) {
      int skip = Math.max(0, samples.length - ring.length);
      int at = (int) ((written + skip) % ring.length);
      int length = samples.length - skip;
      int first = Math.min(length, ring.length - at);
      System.arraycopy(samples, skip, ring, at, first);
      System.arraycopy(samples, skip + first, ring, 0, length - first);
      written += samples.length;
    }

    /** Samples from the absolute position {@code start} (clamped to what is kept) to now. */
    short[] since(long start) {
      long from = Math.max(Math.max(start, 0), written - ring.length);
      var out = new short[(int) (written - from)];
      int at = (int) (from % ring.length);
      int first = Math.min(out.length, ring.length - at);
      System.arraycopy(ring, at, out, 0, first);
      System.arraycopy(ring, 0, out, first, out.length - first);
      return out;
    }
  }
}
