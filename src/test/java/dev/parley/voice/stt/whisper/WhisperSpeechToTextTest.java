package dev.parley.voice.stt.whisper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the whisper adapter fails without usable weights (none can be downloaded here): always with
 * {@link VoiceErrorCode#MODEL_NOT_CONFIGURED} and a message saying what to run, never a JVM crash.
 */
class WhisperSpeechToTextTest {

  private static final WhisperSettings SETTINGS = new WhisperSettings(2, Duration.ofSeconds(1));

  @TempDir Path models;

  @Test
  void aMissingModelSaysWhichCommandDownloadsIt() {
    var file = models.resolve("ggml-base.en.bin");
    assertThatThrownBy(() -> new WhisperSpeechToText(file, SETTINGS))
        .isInstanceOfSatisfying(
            VoiceException.class,
            e -> {
              assertThat(e.code()).isEqualTo(VoiceErrorCode.MODEL_NOT_CONFIGURED);
              assertThat(e.getMessage())
                  .contains(file.toAbsolutePath().toString())
                  .contains("./parley models pull whisper-base.en");
            });
  }

  @Test
  void aMissingModelOutsideTheCatalogPointsAtTheDefaultOne() {
    assertThat(WhisperSpeechToText.pullHint(models.resolve("my-model.bin")))
        .contains("./parley models pull whisper-base.en")
        .contains("parley.voice.stt.whisper.model=ggml-base.en.bin");
    assertThat(WhisperSpeechToText.pullHint(models.resolve("ggml-tiny.en.bin")))
        .contains("./parley models pull whisper-tiny.en");
  }

  @Test
  void aFileThatIsNotAModelIsRefusedClearly() throws IOException {
    var file = Files.write(models.resolve("ggml-base.en.bin"), new byte[64 * 1024]);
    assertRefused(file, "not a whisper.cpp ggml model", "does not start with the ggml magic");
  }

  @Test
  void garbageBehindTheMagicNumberIsRefusedBeforeWhisperCppCanAbortTheJvm() throws IOException {
    // whisper.cpp hits GGML_ASSERT (abort) on such a file; the header check must catch it first.
    var bytes = new byte[64 * 1024];
    new Random(7).nextBytes(bytes);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 0x67676d6c);
    var file = Files.write(models.resolve("ggml-base.en.bin"), bytes);
    assertRefused(file, "not a whisper.cpp ggml model");
  }

  @Test
  void aModelWithNoWeightsIsRefused() throws IOException {
    // whisper.cpp itself would load it as an "empty model for testing" and then compute on nothing.
    var file = Files.write(models.resolve("ggml-base.en.bin"), model(0, 1));
    assertRefused(file, "it has no weights");
  }

  @Test
  void anAllF32ModelIsRefusedBecauseWhisperCppWouldAbortOnItsFirstRun() throws IOException {
    var file = Files.write(models.resolve("ggml-base.en.bin"), model(1, 0));
    assertRefused(file, "all-F32 model");
  }

  @Test
  void aModelCutShortInsideATensorIsRefused() throws IOException {
    var complete = model(1, 1);
    var file =
        Files.write(
            models.resolve("ggml-base.en.bin"), Arrays.copyOf(complete, complete.length - 5));
    assertRefused(file, "it is cut short");
  }

  @Test
  void aModelWhisperCppRejectsIsRefusedWithoutACrash() throws IOException {
    // Well formed, but its tensor is not one whisper.cpp expects: its own check fails the load.
    var file = Files.write(models.resolve("ggml-base.en.bin"), model(1, 1));
    assertRefused(file, "whisper.cpp could not load", "./parley models pull whisper-base.en");
  }

  private static void assertRefused(Path file, String... messageParts) {
    assertThatThrownBy(() -> new WhisperSpeechToText(file, SETTINGS))
        .isInstanceOfSatisfying(
            VoiceException.class,
            e -> {
              assertThat(e.code()).isEqualTo(VoiceErrorCode.MODEL_NOT_CONFIGURED);
              assertThat(e.getMessage()).contains(messageParts);
            });
  }

  /**
   * A well-formed whisper ggml header (tiny dimensions), mel filters and vocabulary, followed by
   * {@code tensors} small F32 tensors named "bogus.N".
   */
  private static byte[] model(int tensors, int weightType) {
    int mels = 80;
    int fftBins = 201;
    String[] tokens = {"hello", " ", " world", "!"};
    var buffer =
        ByteBuffer.allocate(4 * 12 + 8 + 4 * mels * fftBins + 4 + tokens.length * 16 + tensors * 64)
            .order(ByteOrder.LITTLE_ENDIAN);
    buffer.putInt(0x67676d6c);
    // vocabulary, audio ctx/state/heads/layers, text ctx/state/heads/layers, mels, weight type
    for (int value : new int[] {51864, 1500, 64, 1, 1, 448, 64, 1, 1, mels, weightType}) {
      buffer.putInt(value);
    }
    buffer.putInt(mels).putInt(fftBins);
    for (int i = 0; i < mels * fftBins; i++) {
      buffer.putFloat(0f);
    }
    buffer.putInt(tokens.length);
    for (var token : tokens) {
      buffer.putInt(token.length()).put(token.getBytes());
    }
    for (int i = 0; i < tensors; i++) {
      var name = ("bogus." + i).getBytes();
      // dimensions, name length, type F32, shape [4], name, 4 floats
      buffer.putInt(1).putInt(name.length).putInt(0).putInt(4).put(name);
      for (int value = 0; value < 4; value++) {
        buffer.putFloat(value);
      }
    }
    return Arrays.copyOf(buffer.array(), buffer.position());
  }
}
