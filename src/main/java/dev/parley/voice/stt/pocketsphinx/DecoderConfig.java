package dev.parley.voice.stt.pocketsphinx;

import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How decoders are made: the model files (acoustic model directory, language model, pronunciation
 * dictionary) and the search passes.
 *
 * @param flatPass whether to run pocketsphinx's second, flat-lexicon search pass at the end of the
 *     utterance. On flite speech it changed no word but made finish-to-final ~3x slower (~250 ms
 *     instead of ~65 ms for a 6 s utterance), so it is off by default.
 */
record DecoderConfig(Path acousticModel, Path languageModel, Path dictionary, boolean flatPass) {

  /**
   * Debian's US English model in {@code directory}: {@code en-us/}, {@code en-us.lm.bin} and {@code
   * cmudict-en-us.dict}.
   */
  static DecoderConfig englishIn(Path directory, boolean flatPass) {
    return new DecoderConfig(
        directory.resolve("en-us"),
        directory.resolve("en-us.lm.bin"),
        directory.resolve("cmudict-en-us.dict"),
        flatPass);
  }

  /** Decoder arguments for cmd_ln_init, as name/value pairs. */
  List<String> arguments() {
    return List.of(
        "-hmm", acousticModel.toString(),
        "-lm", languageModel.toString(),
        "-dict", dictionary.toString(),
        "-fwdflat", flatPass ? "yes" : "no");
  }

  /**
   * Fails with {@link VoiceErrorCode#MODEL_NOT_CONFIGURED} naming the first missing file:
   * pocketsphinx itself only says NULL (its log is off).
   */
  void checkInstalled() {
    for (var file :
        new Path[] {
          acousticModel.resolve("mdef"), acousticModel.resolve("means"), languageModel, dictionary
        }) {
      if (!Files.isReadable(file)) {
        throw new VoiceException(
            VoiceErrorCode.MODEL_NOT_CONFIGURED,
            ("Pocketsphinx model file %s is missing: %s, or point"
                    + " parley.voice.stt.pocketsphinx.model-dir at a model directory")
                .formatted(file, PocketsphinxLibrary.INSTALL_HINT));
      }
    }
  }
}
