package dev.parley.voice.stt.pocketsphinx;

import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import dev.parley.voice.audio.AudioFormat;
import dev.parley.voice.stt.Transcript;
import dev.parley.voice.stt.TranscriptListener;
import dev.parley.voice.stt.Transcription;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One utterance on one borrowed decoder. Every native call and listener call runs on the
 * transcription's own platform thread, in order: callers of {@link #accept} never wait for the
 * decoder, and native calls never pin a virtual thread's carrier.
 */
final class PocketsphinxTranscription implements Transcription {

  private static final Logger log = LoggerFactory.getLogger(PocketsphinxTranscription.class);

  private final PocketsphinxSpeechToText engine;
  private final boolean partials;
  private final TranscriptListener listener;
  private final ExecutorService worker;
  private volatile boolean ended;
  private volatile boolean cancelled;

  // Touched only on the worker thread.
  private PocketsphinxDecoder decoder;
  private boolean failed;
  private boolean over;
  private long samplesDecoded;
  private String lastPartial = "";

  PocketsphinxTranscription(
      PocketsphinxSpeechToText engine,
      boolean partials,
      TranscriptListener listener,
      String threadName) {
    this.engine = engine;
    this.partials = partials;
    this.listener = listener;
    this.worker =
        Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name(threadName).factory());
    worker.execute(() -> step(this::start));
  }

  @Override
  public synchronized void accept(short[] samples) {
    if (!ended) {
      var copy = samples.clone();
      worker.execute(() -> step(() -> decode(copy)));
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
      // Queued audio is skipped, not decoded: cancelling a long turn is immediate.
      cancelled = true;
      worker.execute(this::abandon);
      worker.shutdown();
    }
  }

  private void start() {
    decoder = engine.borrow();
    decoder.startUtterance();
  }

  private void decode(short[] samples) {
    decoder.process(samples);
    samplesDecoded += samples.length;
    if (partials) {
      var hypothesis = decoder.hypothesis();
      if (!hypothesis.isEmpty() && !hypothesis.equals(lastPartial)) {
        lastPartial = hypothesis;
        listener.onPartial(hypothesis);
      }
    }
  }

  private void complete() {
    decoder.endUtterance();
    var text = decoder.hypothesis();
    engine.giveBack(decoder);
    decoder = null;
    over = true;
    listener.onFinal(
        new Transcript(text, -1, (long) AudioFormat.PIPELINE.millisOf(samplesDecoded)));
  }

  private void abandon() {
    if (decoder == null) {
      return;
    }
    try {
      decoder.endUtterance();
      engine.giveBack(decoder);
    } catch (RuntimeException e) {
      decoder.close();
    }
    decoder = null;
  }

  /** Runs one step unless the transcription is cancelled or has failed; a failure ends it. */
  private void step(Runnable step) {
    if (cancelled || failed) {
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
      failed = true;
      over = true;
      if (decoder != null) {
        // Its utterance state is unknown: never hand it to another transcription.
        decoder.close();
        decoder = null;
      }
      listener.onError(
          e instanceof VoiceException voice
              ? voice
              : new VoiceException(VoiceErrorCode.PROVIDER_ERROR, "Pocketsphinx failed: " + e, e));
    }
  }
}
