package dev.parley.testing;

import dev.parley.voice.audio.AudioFormat;
import dev.parley.voice.audio.Wav;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Real English speech for tests: Debian's flite with its kal16 voice, which speaks at the
 * pipeline's 16 kHz and is the synthetic voice pocketsphinx recognises best (~2 % WER). Each text
 * is synthesized once per JVM.
 */
public final class Flite {

  private static final Map<String, Wav.Clip> SPOKEN = new ConcurrentHashMap<>();

  private Flite() {}

  /** The text spoken at 16 kHz, with flite's own short silences before and after. */
  public static Wav.Clip say(String text) {
    return SPOKEN.computeIfAbsent(text, Flite::synthesize);
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
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
          throw new IOException("flite failed: " + output);
        }
        var clip = Wav.read(file);
        if (clip.format().sampleRate() != AudioFormat.PIPELINE_RATE) {
          throw new IOException(
              "flite kal16 wrote " + clip.format().sampleRate() + " Hz, not 16 kHz");
        }
        return clip;
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "flite is needed for speech tests (apt-get install flite): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while synthesizing test speech", e);
    }
  }
}
