package dev.parley.voice.stt;

import dev.parley.voice.audio.AudioFormat;
import dev.parley.voice.audio.Wav;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Real English speech from Debian's flite with its kal16 voice (16 kHz), the synthetic voice
 * pocketsphinx recognises best (~2% WER).
 */
public final class FliteSpeech {

  private FliteSpeech() {}

  public static Wav.Clip say(String text, Path directory) throws IOException, InterruptedException {
    var file = directory.resolve("flite-" + Integer.toHexString(text.hashCode()) + ".wav");
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
      throw new IOException("flite kal16 wrote " + clip.format().sampleRate() + " Hz, not 16 kHz");
    }
    return clip;
  }
}
