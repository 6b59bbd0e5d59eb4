package dev.parley.voice.stt.whisper;

import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import dev.parley.voice.audio.AudioFormat;
import dev.parley.voice.stt.Transcript;
import dev.parley.voice.stt.TranscriptListener;
import dev.parley.voice.stt.Transcription;
import io.github.givimad.whisperjni.WhisperState;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One utterance: audio is buffered; whisper runs on the transcription's own platform thread (the
 * native call blocks for hundreds of milliseconds), for a partial transcript each time {@code
 * partialInterval} of new audio has arrived and no partial run is pending, and once over all the
 * audio after {@link #finish()}.
 */
final class WhisperTranscription implements Transcription {

  private static final Logger log = LoggerFactory.getLogger(WhisperTranscription.class);

  private final WhisperSpeechToText engine;
  private final String language;
  private final boolean partials;
  private final TranscriptListener listener;
  private final int partialIntervalSamples;
  private final ExecutorService worker;

  // Guarded by this.
  private float[] audio = new float[AudioFormat.PIPELINE_RATE * 10];
  private int length;
  private int lengthAtLastPartial;
  private boolean partialPending;
  private volatile boolean ended;
  private volatile boolean cancelled;

  // Touched only on the worker thread.
  private WhisperState state;
  private String lastPartial = "";
  private boolean over;

  WhisperTranscription(
      WhisperSpeechToText engine,
      String language,
      boolean partials,
      TranscriptListener listener,
      Duration partialInterval,
      String threadName) {
    this.engine = engine;
    this.language = language;
    this.partials = partials;
    this.listener = listener;
    this.partialIntervalSamples =
        (int) Math.max(1, partialInterval.toMillis() * AudioFormat.PIPELINE_RATE / 1000);
    this.worker =
        Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name(threadName).factory());
  }

  @Override
  public synchronized void accept(short[] samples) {
    if (ended) {
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
      worker.execute(() -> step(this::partial));
    }
  }

  @Override
  public synchronized void finish() {
    if (!ended) {
      ended = true;
      worker.execute(() -> step(this::complete));
      worker.shutdown();
    }
  }

  @Override
  public synchronized void cancel() {
    if (!ended) {
      ended = true;
      cancelled = true;
      worker.execute(this::releaseState);
      worker.shutdown();
    }
  }

  private void partial() {
    float[] snapshot;
    synchronized (this) {
      partialPending = false;
      if (ended) {
        return; // the final run is next; a partial now would only delay it
      }
      snapshot = Arrays.copyOf(audio, length);
    }
    var text = engine.transcribe(state(), language, snapshot, snapshot.length, true);
    if (!ended && !text.isEmpty() && !text.equals(lastPartial)) {
      lastPartial = text;
      listener.onPartial(text);
    }
  }

  private void complete() {
    float[] snapshot;
    synchronized (this) {
      snapshot = Arrays.copyOf(audio, length);
    }
    var text =
        snapshot.length == 0
            ? ""
            : engine.transcribe(state(), language, snapshot, snapshot.length, false);
    releaseState();
    over = true;
    listener.onFinal(
        new Transcript(text, -1, (long) AudioFormat.PIPELINE.millisOf(snapshot.length)));
  }

  private WhisperState state() {
    if (state == null) {
      state = engine.newState();
    }
    return state;
  }

  private void releaseState() {
    if (state != null) {
      engine.free(state);
      state = null;
    }
  }

  /** Runs one step unless cancelled or failed; the first failure ends the transcription. */
  private void step(Runnable step) {
    if (cancelled || over) {
      return;
    }
    try {
      step.run();
    } catch (RuntimeException e) {
      if (over) {
        log.warn("Transcript listener failed", e);
        return;
      }
      over = true;
      releaseState();
      listener.onError(
          e instanceof VoiceException voice
              ? voice
              : new VoiceException(VoiceErrorCode.PROVIDER_ERROR, "Whisper failed: " + e, e));
    }
  }
}
