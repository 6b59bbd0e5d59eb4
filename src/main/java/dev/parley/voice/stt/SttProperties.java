package dev.parley.voice.stt;

import dev.parley.voice.stt.cloud.DeepgramProperties;
import dev.parley.voice.stt.cloud.OpenAiTranscriptionProperties;
import dev.parley.voice.stt.pocketsphinx.PocketsphinxSpeechToText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which speech-to-text engine transcribes, under {@code parley.voice.stt.*}. With no configuration
 * pocketsphinx transcribes in-process (its model installs from Debian: {@code apt-get install
 * libpocketsphinx3 pocketsphinx-en-us}).
 *
 * @param provider {@code pocketsphinx} (default, in-process, English), {@code whisper} (in-process
 *     whisper.cpp; needs {@code ./parley models pull whisper-base.en}), {@code deepgram} or {@code
 *     openai} (cloud)
 */
@ConfigurationProperties("parley.voice.stt")
public record SttProperties(
    String provider,
    Pocketsphinx pocketsphinx,
    Whisper whisper,
    DeepgramProperties deepgram,
    OpenAiTranscriptionProperties openai) {

  public static final String POCKETSPHINX = "pocketsphinx";
  public static final String WHISPER = "whisper";
  public static final String DEEPGRAM = "deepgram";
  public static final String OPENAI = "openai";

  public SttProperties {
    provider =
        provider == null || provider.isBlank()
            ? POCKETSPHINX
            : provider.trim().toLowerCase(Locale.ROOT);
    pocketsphinx = pocketsphinx == null ? new Pocketsphinx(null, null, null) : pocketsphinx;
    whisper = whisper == null ? new Whisper(null, null, null) : whisper;
    deepgram = deepgram == null ? new DeepgramProperties(null, null, null, null) : deepgram;
    openai = openai == null ? new OpenAiTranscriptionProperties(null, null, null, null) : openai;
  }

  /**
   * @param modelDir directory holding {@code en-us/}, {@code en-us.lm.bin} and {@code
   *     cmudict-en-us.dict}; defaults to where Debian's pocketsphinx-en-us installs them
   * @param idleDecoders decoders kept loaded between transcriptions (one loads in ~0.3-1 s and
   *     holds its own copy of the model)
   * @param flatPass run pocketsphinx's second search pass at the end of each utterance: slower
   *     final transcripts, and no better on our test speech
   */
  public record Pocketsphinx(String modelDir, Integer idleDecoders, Boolean flatPass) {

    public Pocketsphinx {
      modelDir =
          modelDir == null || modelDir.isBlank()
              ? PocketsphinxSpeechToText.DEBIAN_MODEL_DIR.toString()
              : modelDir.trim();
      idleDecoders = idleDecoders == null || idleDecoders < 1 ? 2 : idleDecoders;
      flatPass = flatPass != null && flatPass;
    }
  }

  /**
   * @param model ggml model file name, resolved against {@code parley.models.dir}, or a path
   * @param threads CPU threads per whisper run; defaults to half the processors (at least one)
   * @param partialInterval new audio that triggers another partial transcript (each re-runs whisper
   *     on the whole utterance so far)
   */
  public record Whisper(String model, Integer threads, Duration partialInterval) {

    public static final String DEFAULT_MODEL = "ggml-base.en.bin";

    public Whisper {
      model = model == null || model.isBlank() ? DEFAULT_MODEL : model.trim();
      threads =
          threads == null || threads < 1
              ? Math.max(1, Runtime.getRuntime().availableProcessors() / 2)
              : threads;
      partialInterval =
          partialInterval == null || partialInterval.isNegative() || partialInterval.isZero()
              ? Duration.ofSeconds(1)
              : partialInterval;
    }

    /** The model file: {@link #model()} against the models directory unless it is absolute. */
    public Path modelFile(Path modelsDir) {
      return modelsDir.resolve(model);
    }
  }
}
