package dev.parley.voice.stt.pocketsphinx;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The C API of Debian's libpocketsphinx3 (0.8+5prealpha, with sphinxbase), bound through the FFM
 * API. Loaded once per JVM; the libraries stay loaded for its lifetime.
 */
final class PocketsphinxLibrary {

  static final String INSTALL_HINT =
      "install the Debian packages libpocketsphinx3 and pocketsphinx-en-us "
          + "(apt-get install libpocketsphinx3 pocketsphinx-en-us)";

  private static final String POCKETSPHINX = "libpocketsphinx.so.3";
  private static final String SPHINXBASE = "libsphinxbase.so.3";

  private static volatile PocketsphinxLibrary instance;

  private final Linker linker = Linker.nativeLinker();
  private final MemorySegment cmdLnInitAddress;
  private final Map<Integer, MethodHandle> cmdLnInitByArity = new ConcurrentHashMap<>();
  final MethodHandle cmdLnFree;
  final MethodHandle psArgs;
  final MethodHandle psInit;
  final MethodHandle psFree;
  final MethodHandle psStartUtt;
  final MethodHandle psProcessRaw;
  final MethodHandle psEndUtt;
  final MethodHandle psGetHyp;

  private PocketsphinxLibrary(SymbolLookup sphinxbase, SymbolLookup pocketsphinx) {
    cmdLnInitAddress = find(sphinxbase, "cmd_ln_init");
    cmdLnFree =
        linker.downcallHandle(
            find(sphinxbase, "cmd_ln_free_r"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
    psArgs = linker.downcallHandle(find(pocketsphinx, "ps_args"), FunctionDescriptor.of(ADDRESS));
    psInit =
        linker.downcallHandle(
            find(pocketsphinx, "ps_init"), FunctionDescriptor.of(ADDRESS, ADDRESS));
    psFree =
        linker.downcallHandle(
            find(pocketsphinx, "ps_free"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
    psStartUtt =
        linker.downcallHandle(
            find(pocketsphinx, "ps_start_utt"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
    // int ps_process_raw(ps_decoder_t *ps, int16 const *data, size_t n_samples, int no_search,
    //                    int full_utt)
    psProcessRaw =
        linker.downcallHandle(
            find(pocketsphinx, "ps_process_raw"),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT));
    psEndUtt =
        linker.downcallHandle(
            find(pocketsphinx, "ps_end_utt"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
    // char const *ps_get_hyp(ps_decoder_t *ps, int32 *out_best_score)
    psGetHyp =
        linker.downcallHandle(
            find(pocketsphinx, "ps_get_hyp"), FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
    silenceLogging(linker, sphinxbase);
  }

  /**
   * {@code cmd_ln_t *cmd_ln_init(cmd_ln_t *inout, arg_t const *defn, int32 strict, ...)} for a
   * variadic part of {@code strings} C strings plus the terminating NULL.
   */
  MethodHandle cmdLnInit(int strings) {
    return cmdLnInitByArity.computeIfAbsent(
        strings,
        count -> {
          var arguments = new MemoryLayout[3 + count + 1];
          arguments[0] = ADDRESS;
          arguments[1] = ADDRESS;
          arguments[2] = JAVA_INT;
          Arrays.fill(arguments, 3, arguments.length, ADDRESS);
          return linker.downcallHandle(
              cmdLnInitAddress,
              FunctionDescriptor.of(ADDRESS, arguments),
              Linker.Option.firstVariadicArg(3));
        });
  }

  /** The loaded library; {@link VoiceErrorCode#MODEL_NOT_CONFIGURED} when it is not installed. */
  static PocketsphinxLibrary load() {
    var loaded = instance;
    if (loaded != null) {
      return loaded;
    }
    synchronized (PocketsphinxLibrary.class) {
      if (instance == null) {
        instance = new PocketsphinxLibrary(open(SPHINXBASE), open(POCKETSPHINX));
      }
      return instance;
    }
  }

  static SymbolLookup open(String name) {
    try {
      return SymbolLookup.libraryLookup(name, Arena.global());
    } catch (IllegalArgumentException e) {
      throw new VoiceException(
          VoiceErrorCode.MODEL_NOT_CONFIGURED,
          "Pocketsphinx is not available (" + name + " cannot be loaded): " + INSTALL_HINT,
          e);
    }
  }

  private static MemorySegment find(SymbolLookup lookup, String symbol) {
    return lookup
        .find(symbol)
        .orElseThrow(
            () ->
                new VoiceException(
                    VoiceErrorCode.MODEL_NOT_CONFIGURED,
                    "The installed pocketsphinx lacks " + symbol + "; " + INSTALL_HINT));
  }

  /**
   * Turns sphinxbase's logging off for the whole process: it otherwise writes hundreds of lines to
   * stderr per decoder. This replaces ps_init's {@code -logfn /dev/null}, which reopens the
   * process-wide log file on every decoder and so races when decoders start concurrently.
   */
  private static void silenceLogging(Linker linker, SymbolLookup sphinxbase) {
    var setLogFile =
        linker.downcallHandle(
            find(sphinxbase, "err_set_logfp"), FunctionDescriptor.ofVoid(ADDRESS));
    try {
      setLogFile.invokeExact(MemorySegment.NULL);
    } catch (Throwable e) {
      throw new IllegalStateException("err_set_logfp failed", e);
    }
  }
}
