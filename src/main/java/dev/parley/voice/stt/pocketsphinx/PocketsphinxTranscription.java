package dev.parley.voice.stt.pocketsphinx;

import dev.parley.voice.audio.AudioFormat;
import dev.parley.voice.stt.Transcript;
import dev.parley.voice.stt.TranscriptListener;
import dev.parley.voice.stt.WorkerTranscription;

/** One utterance on one borrowed decoder, decoded frame by frame on the worker thread. */
final class PocketsphinxTranscription extends WorkerTranscription {

  private final PocketsphinxSpeechToText engine;
  private final boolean partials;

  // Touched only on the worker thread.
  private PocketsphinxDecoder decoder;
  private long samplesDecoded;
  private String lastPartial = "";

  PocketsphinxTranscription(
      PocketsphinxSpeechToText engine,
      boolean partials,
      TranscriptListener listener,
      String threadName) {
    super(listener, "Pocketsphinx", threadName);
    this.engine = engine;
    this.partials = partials;
    run(this::start);
  }

  @Override
  public synchronized void accept(short[] samples) {
    if (!ended()) {
      var copy = samples.clone();
      run(() -> decode(copy));
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

  @Override
  protected void complete() {
    decoder.endUtterance();
    var text = decoder.hypothesis();
    engine.giveBack(decoder);
    decoder = null;
    deliver(new Transcript(text, -1, (long) AudioFormat.PIPELINE.millisOf(samplesDecoded)));
  }

  @Override
  protected void release() {
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

  /** Its utterance state is unknown: never hand it to another transcription. */
  @Override
  protected void discard() {
    if (decoder != null) {
      decoder.close();
      decoder = null;
    }
  }
}
