package dev.parley.voice.vad;

import static dev.parley.voice.vad.SileroVadModel.millis;

import java.util.Arrays;

/**
 * Turns marked by the client, for clients that find speech themselves (their own VAD, or push to
 * talk) and send audio only while the learner speaks: the first samples after a turn start one, the
 * client's end of speech ({@link #endTurn()}) ends it, and a turn reaching the maximum length is cut
 * there, its later samples dropped until the client ends it. The server then runs neither the
 * energy gate nor the network, so a turn costs it only the frames that carry speech.
 */
public final class ClientEndpointer implements Endpointer {

  private final long maxTurnSamples;
  private final TurnListener listener;

  private long position;
  private long onset;
  private boolean inTurn;
  private boolean cut;

  public ClientEndpointer(VadProperties properties, TurnListener listener) {
    this.maxTurnSamples = properties.maxTurn().toMillis() * SileroVadModel.SAMPLE_RATE / 1000;
    this.listener = listener;
  }

  @Override
  public void accept(short[] samples) {
    long start = position;
    position += samples.length;
    if (cut) {
      return;
    }
    if (!inTurn) {
      inTurn = true;
      onset = start;
      listener.speechStarted(millis(onset));
    }
    long room = onset + maxTurnSamples - start;
    if (room >= samples.length) {
      listener.onAudio(samples);
    } else {
      listener.onAudio(Arrays.copyOf(samples, (int) room));
    }
    if (position - onset >= maxTurnSamples) {
      inTurn = false;
      cut = true;
      listener.maxTurnReached(millis(onset + maxTurnSamples));
    }
  }

  @Override
  public boolean inTurn() {
    return inTurn;
  }

  @Override
  public void endTurn() {
    cut = false;
    if (inTurn) {
      inTurn = false;
      listener.speechStopped(millis(position), millis(position));
    }
  }

  @Override
  public void close() {
    // Holds no native resources.
  }
}
