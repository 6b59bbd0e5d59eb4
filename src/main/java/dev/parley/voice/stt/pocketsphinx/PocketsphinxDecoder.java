package dev.parley.voice.stt.pocketsphinx;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One native pocketsphinx decoder with its configuration. Not thread-safe: one utterance at a time,
 * driven from one thread at a time; reusable for the next utterance after {@link #endUtterance()}.
 */
final class PocketsphinxDecoder implements AutoCloseable {

  private static final int INITIAL_BUFFER_SAMPLES = 16_000;

  private final PocketsphinxLibrary library;
  private final Arena arena = Arena.ofShared();
  private final MemorySegment config;
  private final MemorySegment decoder;
  private final MemorySegment score = arena.allocate(JAVA_INT);
  private MemorySegment samples = arena.allocate(JAVA_SHORT, INITIAL_BUFFER_SAMPLES);

  PocketsphinxDecoder(PocketsphinxLibrary library, PocketsphinxModel model) {
    this.library = library;
    model.checkInstalled();
    try {
      config =
          (MemorySegment)
              library.cmdLnInit.invokeExact(
                  MemorySegment.NULL,
                  (MemorySegment) library.psArgs.invokeExact(),
                  1,
                  arena.allocateFrom("-hmm"),
                  arena.allocateFrom(model.acousticModel().toString()),
                  arena.allocateFrom("-lm"),
                  arena.allocateFrom(model.languageModel().toString()),
                  arena.allocateFrom("-dict"),
                  arena.allocateFrom(model.dictionary().toString()),
                  MemorySegment.NULL);
      if (config.equals(MemorySegment.NULL)) {
        throw failure("rejected its configuration", null);
      }
      decoder = (MemorySegment) library.psInit.invokeExact(config);
      if (decoder.equals(MemorySegment.NULL)) {
        int ignored = (int) library.cmdLnFree.invokeExact(config);
        throw failure("could not load the model in " + model.acousticModel().getParent(), null);
      }
    } catch (VoiceException e) {
      arena.close();
      throw e;
    } catch (Throwable e) {
      arena.close();
      throw failure("failed to start", e);
    }
  }

  void startUtterance() {
    check((int) call(() -> (int) library.psStartUtt.invokeExact(decoder)), "ps_start_utt");
  }

  void process(short[] chunk) {
    if (chunk.length > samples.byteSize() / JAVA_SHORT.byteSize()) {
      samples = arena.allocate(JAVA_SHORT, chunk.length);
    }
    MemorySegment.copy(chunk, 0, samples, JAVA_SHORT, 0, chunk.length);
    check(
        (int)
            call(
                () ->
                    (int) library.psProcessRaw.invokeExact(decoder, samples, (long) chunk.length, 0, 0)),
        "ps_process_raw");
  }

  /** The best hypothesis so far (or final, after {@link #endUtterance()}); empty when none. */
  String hypothesis() {
    var text = (MemorySegment) call(() -> (MemorySegment) library.psGetHyp.invokeExact(decoder, score));
    return text.equals(MemorySegment.NULL) ? "" : text.reinterpret(Long.MAX_VALUE).getString(0).trim();
  }

  void endUtterance() {
    check((int) call(() -> (int) library.psEndUtt.invokeExact(decoder)), "ps_end_utt");
  }

  @Override
  public void close() {
    call(() -> (int) library.psFree.invokeExact(decoder));
    call(() -> (int) library.cmdLnFree.invokeExact(config));
    arena.close();
  }

  private interface NativeCall {
    Object run() throws Throwable;
  }

  private static Object call(NativeCall call) {
    try {
      return call.run();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  private static void check(int result, String function) {
    if (result < 0) {
      throw new VoiceException(VoiceErrorCode.PROVIDER_ERROR, "pocketsphinx " + function + " failed");
    }
  }

  private static VoiceException failure(String what, Throwable cause) {
    return new VoiceException(
        VoiceErrorCode.MODEL_NOT_CONFIGURED,
        "Pocketsphinx " + what + "; " + PocketsphinxLibrary.INSTALL_HINT,
        cause);
  }
}
