package dev.parley.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.voice.audio.Wav;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** WAV files for Chromium's fake microphone: a flite (kal16, 16 kHz) utterance inside silence. */
final class FakeMicrophone {

  private FakeMicrophone() {}

  /** One second of silence (the page connects), the words, then two seconds (end of turn). */
  static Path record(Path directory, String words) throws Exception {
    var spoken = directory.resolve("spoken.wav");
    var flite =
        new ProcessBuilder("flite", "-voice", "kal16", "-t", words, "-o", spoken.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(flite.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(flite.exitValue()).as("flite (Debian package flite)").isZero();
    var clip = Wav.read(spoken);
    int rate = clip.format().sampleRate();
    var padded = new short[rate + clip.samples().length + 2 * rate];
    System.arraycopy(clip.samples(), 0, padded, rate, clip.samples().length);
    var microphone = directory.resolve("microphone.wav");
    Wav.write(microphone, new Wav.Clip(clip.format(), padded));
    return microphone;
  }
}
