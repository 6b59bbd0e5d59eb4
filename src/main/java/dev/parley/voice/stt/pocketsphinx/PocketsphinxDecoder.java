package dev.parley.voice.stt.pocketsphinx;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;

/**
 * One native pocketsphinx decoder with its configuration. Not thread-safe: one utterance at a time,
 * driven from one thread at a time; reusable for the next utterance after {@link #endUtterance()}.
 */
final class PocketsphinxDecoder implements AutoCloseable {

  private static final int INITIAL_BUFFER_SAMPLES = 16_000;

  private final PocketsphinxLibrary library;
  private final Arena arena = Arena.ofShared();
  private final MemorySegment cmdLn;
  private final MemorySegment decoder;
  private final MemorySegment score = arena.allocate(JAVA_INT);
  private MemorySegment samples = arena.allocate(JAVA_SHORT, INITIAL_BUFFER_SAMPLES);

  PocketsphinxDecoder(PocketsphinxLibrary library, DecoderConfig config) {
    this.library = library;
    config.checkInstalled();
    try {
      var arguments = new ArrayList<>();
      arguments.add(MemorySegment.NULL);
      arguments.add((MemorySegment) library.psArgs.invokeExact());
      arguments.add(1);
      for (var argument : config.arguments()) {
        arguments.add(arena.allocateFrom(argument));
      }
      arguments.add(MemorySegment.NULL);
      cmdLn =
          (MemorySegment)
              library.cmdLnInit(config.arguments().size()).invokeWithArguments(arguments);
      if (cmdLn.equals(MemorySegment.NULL)) {
        throw failure("rejected its configuration", null);
      }
      decoder = (MemorySegment) library.psInit.invokeExact(cmdLn);
      if (decoder.equals(MemorySegment.NULL)) {
        int ignored = (int) library.cmdLnFree.invokeExact(cmdLn);
        throw failure("could not load the model in " + config.acousticModel().getParent(), null);
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
                    (int)
                        library.psProcessRaw.invokeExact(
                            decoder, samples, (long) chunk.length, 0, 0)),
        "ps_process_raw");
  }

  /** The best hypothesis so far (or final, after {@link #endUtterance()}); empty when none. */
  String hypothesis() {
    var text =
        (MemorySegment) call(() -> (MemorySegment) library.psGetHyp.invokeExact(decoder, score));
    return text.equals(MemorySegment.NULL)
        ? ""
        : text.reinterpret(Long.MAX_VALUE).getString(0).trim();
  }

  void endUtterance() {
    check((int) call(() -> (int) library.psEndUtt.invokeExact(decoder)), "ps_end_utt");
  }

  @Override
  public void close() {
    call(() -> (int) library.psFree.invokeExact(decoder));
    call(() -> (int) library.cmdLnFree.invokeExact(cmdLn));
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
      throw new VoiceException(
          VoiceErrorCode.PROVIDER_ERROR, "pocketsphinx " + function + " failed");
    }
  }

  private static VoiceException failure(String what, Throwable cause) {
    return new VoiceException(
        VoiceErrorCode.MODEL_NOT_CONFIGURED,
        "Pocketsphinx " + what + "; " + PocketsphinxLibrary.INSTALL_HINT,
        cause);
  }
}
