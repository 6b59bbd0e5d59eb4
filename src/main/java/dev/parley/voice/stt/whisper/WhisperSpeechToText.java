package dev.parley.voice.stt.whisper;

import dev.parley.models.ModelCatalog;
import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import dev.parley.voice.stt.SpeechToText;
import dev.parley.voice.stt.SttInfo;
import dev.parley.voice.stt.TranscriptListener;
import dev.parley.voice.stt.Transcription;
import dev.parley.voice.stt.TranscriptionOptions;
import io.github.givimad.whisperjni.WhisperContext;
import io.github.givimad.whisperjni.WhisperFullParams;
import io.github.givimad.whisperjni.WhisperJNI;
import io.github.givimad.whisperjni.WhisperSamplingStrategy;
import io.github.givimad.whisperjni.WhisperState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * whisper.cpp run in-process (io.github.givimad:whisper-jni). The model is loaded once and shared;
 * each transcription has its own whisper state, but their runs take turns on the model: with two
 * states running at once, whisper.cpp 1.7.1 sometimes aborted the JVM ({@code std::out_of_range:
 * map::at}, two CI runs of the tests), and one run already uses all its threads. Whisper is not
 * streaming: audio is buffered, partial transcripts re-run it on the audio so far, and the final
 * transcript is one run over the whole utterance after {@link Transcription#finish()}.
 */
public final class WhisperSpeechToText implements SpeechToText, AutoCloseable {

  /** The catalog model Parley suggests: {@code ./parley models pull whisper-base.en}. */
  public static final String DEFAULT_MODEL_ID = "whisper-base.en";

  // whisper.cpp returns no text for less than a second of audio.
  private static final int MIN_SAMPLES = 17_600;
  // Below -60 dBFS throughout there is nothing to hear, and whisper tends to invent words for it.
  private static final float SILENCE_PEAK = 0.001f;
  // Whisper writes what it hears that is not speech as [BLANK_AUDIO], (music), [ Silence ] ...
  private static final Pattern ANNOTATION = Pattern.compile("\\[[^\\]]*\\]|\\([^)]*\\)");

  private static final Object LIBRARY_LOCK = new Object();
  private static boolean libraryLoaded;

  private final WhisperJNI whisper = new WhisperJNI();
  private final WhisperContext context;
  private final SttInfo info;
  private final boolean multilingual;
  private final WhisperSettings settings;
  private final AtomicInteger threadNumber = new AtomicInteger();
  // One native call on the model at a time (see the class comment); close() takes it too, so that
  // it never frees a model in use.
  private final ReentrantLock model = new ReentrantLock();
  private boolean closed;

  /**
   * Loads the model. Throws {@link VoiceException} with {@link VoiceErrorCode#MODEL_NOT_CONFIGURED}
   * for a missing or broken model file (the message says how to get one) and {@link
   * VoiceErrorCode#PROVIDER_UNAVAILABLE} when the native library cannot load on this machine.
   */
  public WhisperSpeechToText(Path modelFile, WhisperSettings settings) {
    this.settings = settings;
    var hint = pullHint(modelFile);
    WhisperModelFile.check(modelFile, hint);
    loadLibrary();
    try {
      context = whisper.initNoState(modelFile.toAbsolutePath());
    } catch (IOException e) {
      throw new VoiceException(
          VoiceErrorCode.MODEL_NOT_CONFIGURED,
          "Whisper model %s: %s. %s".formatted(modelFile, e.getMessage(), hint),
          e);
    }
    if (context == null) {
      throw new VoiceException(
          VoiceErrorCode.MODEL_NOT_CONFIGURED,
          "whisper.cpp could not load %s (see its log above). Delete it, then: %s"
              .formatted(modelFile, hint));
    }
    multilingual = whisper.isMultilingual(context);
    info = new SttInfo("whisper", modelName(modelFile));
  }

  /** What to run to get the model file at {@code modelFile}. */
  public static String pullHint(Path modelFile) {
    var name = modelFile.getFileName().toString();
    var entry =
        ModelCatalog.entries().stream()
            .filter(candidate -> candidate.fileName().equals(name))
            .findFirst()
            .or(() -> ModelCatalog.find(DEFAULT_MODEL_ID))
            .orElseThrow();
    var select =
        entry.fileName().equals(name)
            ? ""
            : " and set parley.voice.stt.whisper.model=" + entry.fileName();
    return ("Run ./parley models pull %s to download it%s,"
            + " or set PARLEY_VOICE_STT_PROVIDER=pocketsphinx.")
        .formatted(entry.id(), select);
  }

  @Override
  public SttInfo info() {
    return info;
  }

  @Override
  public boolean supports(String language) {
    return multilingual || primarySubtag(language).equals("en");
  }

  @Override
  public Transcription open(TranscriptionOptions options, TranscriptListener listener) {
    if (!supports(options.language())) {
      throw new VoiceException(
          VoiceErrorCode.UNSUPPORTED_LANGUAGE,
          ("Whisper model %s only transcribes English, not %s;"
                  + " use a multilingual model such as ggml-base.bin")
              .formatted(info.model(), options.language()));
    }
    return new WhisperTranscription(
        this,
        primarySubtag(options.language()),
        options.partials(),
        listener,
        settings.partialInterval(),
        "whisper-" + threadNumber.incrementAndGet());
  }

  WhisperState newState() {
    return underModel(() -> whisper.initState(context));
  }

  void free(WhisperState state) {
    whisper.free(state);
  }

  /**
   * Transcribes the samples (16 kHz, -1..1) with the transcription's state; blocks. A partial run
   * skips whisper's retries at higher temperatures: it is soon superseded, and must be quick.
   */
  String transcribe(
      WhisperState state, String language, float[] samples, int length, boolean partial) {
    if (isSilent(samples, length)) {
      return "";
    }
    var padded = samples;
    if (length < MIN_SAMPLES) {
      padded = Arrays.copyOf(samples, MIN_SAMPLES);
      length = MIN_SAMPLES;
    }
    var audio = padded;
    int count = length;
    return underModel(
        () -> {
          var params = new WhisperFullParams(WhisperSamplingStrategy.GREEDY);
          params.nThreads = settings.threads();
          params.language = language;
          params.detectLanguage = false;
          params.translate = false;
          params.noContext = true;
          params.noTimestamps = true;
          params.suppressNonSpeechTokens = true;
          params.printProgress = false;
          params.printRealtime = false;
          params.printTimestamps = false;
          params.printSpecial = false;
          if (partial) {
            params.temperatureInc = 0;
          }
          int result = whisper.fullWithState(context, state, params, audio, count);
          if (result != 0) {
            throw new VoiceException(
                VoiceErrorCode.PROVIDER_ERROR,
                "whisper.cpp failed to transcribe (error " + result + ")");
          }
          var text = new StringBuilder();
          for (int i = 0, segments = whisper.fullNSegmentsFromState(state); i < segments; i++) {
            text.append(whisper.fullGetSegmentTextFromState(state, i));
          }
          return ANNOTATION.matcher(text).replaceAll(" ").trim().replaceAll("\\s+", " ");
        });
  }

  @Override
  public void close() {
    model.lock();
    try {
      if (!closed) {
        closed = true;
        whisper.free(context);
      }
    } finally {
      model.unlock();
    }
  }

  private <T> T underModel(Supplier<T> work) {
    model.lock();
    try {
      if (closed) {
        throw new VoiceException(VoiceErrorCode.PROVIDER_UNAVAILABLE, "Whisper is shut down");
      }
      return work.get();
    } finally {
      model.unlock();
    }
  }

  private static boolean isSilent(float[] samples, int length) {
    for (int i = 0; i < length; i++) {
      if (Math.abs(samples[i]) >= SILENCE_PEAK) {
        return false;
      }
    }
    return true;
  }

  private static void loadLibrary() {
    synchronized (LIBRARY_LOCK) {
      if (libraryLoaded) {
        return;
      }
      try {
        WhisperJNI.loadLibrary();
        libraryLoaded = true;
      } catch (IOException | UnsatisfiedLinkError e) {
        throw new VoiceException(
            VoiceErrorCode.PROVIDER_UNAVAILABLE,
            "whisper.cpp (whisper-jni) cannot load on this machine: " + e.getMessage(),
            e);
      }
    }
  }

  private static String modelName(Path modelFile) {
    return modelFile
        .getFileName()
        .toString()
        .replaceFirst("^ggml-", "")
        .replaceFirst("\\.bin$", "");
  }

  private static String primarySubtag(String language) {
    return language.toLowerCase(Locale.ROOT).split("[-_]")[0];
  }
}
