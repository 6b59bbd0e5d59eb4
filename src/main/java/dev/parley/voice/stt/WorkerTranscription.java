package dev.parley.voice.stt;

import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transcription by an in-process engine: every native call and listener call runs on the
 * transcription's own platform thread, in order, so callers of {@link #accept} never wait for the
 * engine and native calls never pin a virtual thread's carrier. The first failure ends the
 * transcription with {@code onError}; a cancelled one skips the steps still queued.
 */
public abstract class WorkerTranscription implements Transcription {

  private static final Logger log = LoggerFactory.getLogger(WorkerTranscription.class);

  protected final TranscriptListener listener;
  private final String engineName;
  private final ExecutorService worker;
  private volatile boolean ended;
  private volatile boolean cancelled;
  private boolean over; // touched only on the worker thread

  protected WorkerTranscription(TranscriptListener listener, String engineName, String threadName) {
    this.listener = listener;
    this.engineName = engineName;
    this.worker =
        Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name(threadName).factory());
  }

  /** On the worker: the audio is all there; ends with {@link #deliver}. */
  protected abstract void complete();

  /** On the worker, after a cancel: frees the engine's state for the next transcription. */
  protected abstract void release();

  /** On the worker, after a failure: the engine's state is unknown; by default released. */
  protected void discard() {
    release();
  }

  /** Whether {@link #finish()} or {@link #cancel()} was called. */
  protected final boolean ended() {
    return ended;
  }

  /** Queues a step on the worker; callers hold this object's monitor or call before any end. */
  protected final void run(Runnable step) {
    worker.execute(() -> step(step));
  }

  /** On the worker: the final transcript; nothing reaches the listener after it. */
  protected final void deliver(Transcript transcript) {
    over = true;
    listener.onFinal(transcript);
  }

  @Override
  public synchronized void finish() {
    if (!ended) {
      ended = true;
      run(this::complete);
      worker.shutdown();
    }
  }

  @Override
  public synchronized void cancel() {
    if (!ended) {
      ended = true;
      // Queued audio is skipped, not decoded: cancelling a long turn is immediate.
      cancelled = true;
      worker.execute(this::release);
      worker.shutdown();
    }
  }

  private void step(Runnable step) {
    if (cancelled || over) {
      return;
    }
    try {
      step.run();
    } catch (RuntimeException e) {
      if (over) {
        // The listener threw from onFinal: the contract allows no call after it.
        log.warn("Transcript listener failed", e);
        return;
      }
      over = true;
      discard();
      listener.onError(
          e instanceof VoiceException voice
              ? voice
              : new VoiceException(
                  VoiceErrorCode.PROVIDER_ERROR, engineName + " failed: " + e, e));
    }
  }
}
