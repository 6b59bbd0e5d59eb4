package dev.parley.voice.stt.whisper;

import dev.parley.voice.audio.AudioFormat;
import dev.parley.voice.stt.Transcript;
import dev.parley.voice.stt.TranscriptListener;
import dev.parley.voice.stt.WorkerTranscription;
import io.github.givimad.whisperjni.WhisperState;
import java.time.Duration;
import java.util.Arrays;

/**
 * One utterance: audio is buffered; whisper runs on the transcription's own platform thread (the
 * native call blocks for hundreds of milliseconds), for a partial transcript each time {@code
 * partialInterval} of new audio has arrived and no partial run is pending, and once over all the
 * audio after {@link #finish()}.
 */
final class WhisperTranscription extends WorkerTranscription {

  private final WhisperSpeechToText engine;
  private final String language;
  private final boolean partials;
  private final int partialIntervalSamples;

  // Guarded by this.
  private float[] audio = new float[AudioFormat.PIPELINE_RATE * 10];
  private int length;
  private int lengthAtLastPartial;
  private boolean partialPending;

  // Touched only on the worker thread.
  private WhisperState state;
  private String lastPartial = "";

  WhisperTranscription(
      WhisperSpeechToText engine,
      String language,
      boolean partials,
      TranscriptListener listener,
      Duration partialInterval,
      String threadName) {
    super(listener, "Whisper", threadName);
    this.engine = engine;
    this.language = language;
    this.partials = partials;
    this.partialIntervalSamples =
        (int) Math.max(1, partialInterval.toMillis() * AudioFormat.PIPELINE_RATE / 1000);
  }

  @Override
  public synchronized void accept(short[] samples) {
    if (ended()) {
      return;
    }
    if (length + samples.length > audio.length) {
      audio = Arrays.copyOf(audio, Math.max(audio.length * 2, length + samples.length));
    }
    for (short sample : samples) {
      audio[length++] = sample / 32768f;
    }
    if (partials && !partialPending && length - lengthAtLastPartial >= partialIntervalSamples) {
      partialPending = true;
      lengthAtLastPartial = length;
      run(this::partial);
    }
  }

  private void partial() {
    float[] snapshot;
    synchronized (this) {
      partialPending = false;
      if (ended()) {
        return; // the final run is next; a partial now would only delay it
      }
      snapshot = Arrays.copyOf(audio, length);
    }
    var text = engine.transcribe(state(), language, snapshot, snapshot.length, true);
    if (!ended() && !text.isEmpty() && !text.equals(lastPartial)) {
      lastPartial = text;
      listener.onPartial(text);
    }
  }

  @Override
  protected void complete() {
    float[] snapshot;
    synchronized (this) {
      snapshot = Arrays.copyOf(audio, length);
    }
    var text =
        snapshot.length == 0
            ? ""
            : engine.transcribe(state(), language, snapshot, snapshot.length, false);
    release();
    deliver(new Transcript(text, -1, (long) AudioFormat.PIPELINE.millisOf(snapshot.length)));
  }

  private WhisperState state() {
    if (state == null) {
      state = engine.newState();
    }
    return state;
  }

  @Override
  protected void release() {
    if (state != null) {
      engine.free(state);
      state = null;
    }
  }
}
