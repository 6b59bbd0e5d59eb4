package dev.parley.voice.stt.pocketsphinx;

import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import dev.parley.voice.stt.SpeechToText;
import dev.parley.voice.stt.SttInfo;
import dev.parley.voice.stt.TranscriptListener;
import dev.parley.voice.stt.Transcription;
import dev.parley.voice.stt.TranscriptionOptions;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * CMU pocketsphinx (Debian's libpocketsphinx3, US English) run in-process through the FFM API.
 * Streams: audio is decoded as it arrives, so the final transcript is ready moments after {@link
 * Transcription#finish()}.
 *
 * <p>Decoders are not thread-safe and take a while to load, so each transcription borrows one from
 * a pool and returns it when done; one decoder is loaded up front.
 */
public final class PocketsphinxSpeechToText implements SpeechToText, AutoCloseable {

  /** Where Debian's pocketsphinx-en-us installs its model. */
  public static final Path DEBIAN_MODEL_DIR = Path.of("/usr/share/pocketsphinx/model/en-us");

  private static final SttInfo INFO = new SttInfo("pocketsphinx", "en-us");

  private final PocketsphinxLibrary library;
  private final DecoderConfig config;
  private final int maxIdleDecoders;
  private final ConcurrentLinkedDeque<PocketsphinxDecoder> idle = new ConcurrentLinkedDeque<>();
  private final AtomicInteger threadNumber = new AtomicInteger();
  private volatile boolean closed;

  /**
   * Loads the library and one decoder. Throws {@link VoiceException} with {@link
   * VoiceErrorCode#MODEL_NOT_CONFIGURED} when the library or the model is not installed.
   *
   * @param modelDir a directory laid out like {@link #DEBIAN_MODEL_DIR}
   * @param maxIdleDecoders decoders kept loaded between transcriptions (each holds its own copy of
   *     the model)
   * @param flatPass run the slower second search pass when the utterance ends (see {@link
   *     DecoderConfig#flatPass()})
   */
  public PocketsphinxSpeechToText(Path modelDir, int maxIdleDecoders, boolean flatPass) {
    this.config = DecoderConfig.englishIn(modelDir, flatPass);
    config.checkInstalled();
    this.library = PocketsphinxLibrary.load();
    this.maxIdleDecoders = Math.max(1, maxIdleDecoders);
    idle.push(new PocketsphinxDecoder(library, config));
  }

  @Override
  public SttInfo info() {
    return INFO;
  }

  @Override
  public boolean supports(String language) {
    var tag = language.toLowerCase(Locale.ROOT);
    return tag.equals("en") || tag.startsWith("en-");
  }

  @Override
  public Transcription open(TranscriptionOptions options, TranscriptListener listener) {
    if (!supports(options.language())) {
      throw new VoiceException(
          VoiceErrorCode.UNSUPPORTED_LANGUAGE,
          "Pocketsphinx here only transcribes English, not " + options.language());
    }
    if (closed) {
      throw new VoiceException(VoiceErrorCode.PROVIDER_UNAVAILABLE, "Pocketsphinx is shut down");
    }
    return new PocketsphinxTranscription(
        this, options.partials(), listener, "pocketsphinx-" + threadNumber.incrementAndGet());
  }

  PocketsphinxDecoder borrow() {
    var decoder = idle.poll();
    return decoder != null ? decoder : new PocketsphinxDecoder(library, config);
  }

  /** Takes back a decoder between utterances; frees it when enough are idle or when closed. */
  void giveBack(PocketsphinxDecoder decoder) {
    if (closed || idle.size() >= maxIdleDecoders) {
      decoder.close();
      return;
    }
    idle.push(decoder);
    if (closed && idle.remove(decoder)) {
      decoder.close();
    }
  }

  /** Frees the idle decoders; transcriptions still running free theirs when they end. */
  @Override
  public void close() {
    closed = true;
    for (var decoder = idle.poll(); decoder != null; decoder = idle.poll()) {
      decoder.close();
    }
  }
}
