package dev.parley.voice.stt.pocketsphinx;

import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files of a pocketsphinx model: acoustic model directory, language model and pronunciation
 * dictionary, laid out as Debian's pocketsphinx-en-us installs them.
 */
record PocketsphinxModel(Path acousticModel, Path languageModel, Path dictionary) {

  /** Debian's US English model: {@code <dir>/en-us}, {@code en-us.lm.bin}, {@code cmudict-en-us.dict}. */
  static PocketsphinxModel englishIn(Path directory) {
    return new PocketsphinxModel(
        directory.resolve("en-us"),
        directory.resolve("en-us.lm.bin"),
        directory.resolve("cmudict-en-us.dict"));
  }

  /**
   * Fails with {@link VoiceErrorCode#MODEL_NOT_CONFIGURED} naming the first missing file:
   * pocketsphinx itself only says NULL (its log is off).
   */
  void checkInstalled() {
    for (var file :
        new Path[] {acousticModel.resolve("mdef"), acousticModel.resolve("means"), languageModel, dictionary}) {
      if (!Files.isReadable(file)) {
        throw new VoiceException(
            VoiceErrorCode.MODEL_NOT_CONFIGURED,
            "Pocketsphinx model file %s is missing: %s, or point parley.voice.stt.pocketsphinx.model-dir at a model directory"
                .formatted(file, PocketsphinxLibrary.INSTALL_HINT));
      }
    }
  }
}
