package dev.parley.voice.stt.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.voice.audio.AudioFormat;
import dev.parley.voice.audio.Wav;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Real speech for tests: flite's kal16 voice, which speaks at the pipeline's 16 kHz. */
final class FliteSpeech {

  private static final Map<String, Wav.Clip> SPOKEN = new ConcurrentHashMap<>();

  private FliteSpeech() {}

  static Wav.Clip say(String text) {
    return SPOKEN.computeIfAbsent(text, FliteSpeech::synthesize);
  }

  private static Wav.Clip synthesize(String text) {
    try {
      var file = Files.createTempFile("parley-flite-", ".wav");
      try {
        var process =
            new ProcessBuilder("flite", "-voice", "kal16", "-t", text, "-o", file.toString())
                .redirectErrorStream(true)
                .start();
        var output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as("flite failed: %s", output).isZero();
        var clip = Wav.read(file);
        assertThat(clip.format()).isEqualTo(AudioFormat.PIPELINE);
        return clip;
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "flite is needed for speech tests (apt-get install flite)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
