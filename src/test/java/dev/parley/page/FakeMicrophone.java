package dev.parley.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.voice.audio.AudioFormat;
import dev.parley.voice.audio.Wav;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A WAV file for Chromium's fake microphone: flite (kal16, 16 kHz) utterances between stretches of
 * silence, e.g. {@code new FakeMicrophone(dir).silence(1000).say("Hello").silence(2000)}.
 */
final class FakeMicrophone {

  private static final int RATE = 16_000;

  private final Path directory;
  private final List<short[]> parts = new ArrayList<>();

  FakeMicrophone(Path directory) {
    this.directory = directory;
  }

  FakeMicrophone silence(int millis) {
    parts.add(new short[RATE * millis / 1000]);
    return this;
  }

  FakeMicrophone say(String words) throws IOException, InterruptedException {
    var spoken = directory.resolve("utterance-" + parts.size() + ".wav");
    var flite =
        new ProcessBuilder("flite", "-voice", "kal16", "-t", words, "-o", spoken.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(flite.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(flite.exitValue()).as("flite (Debian package flite)").isZero();
    var clip = Wav.read(spoken);
    assertThat(clip.format().sampleRate()).isEqualTo(RATE);
    parts.add(clip.samples());
    return this;
  }

  Path write(String name) throws IOException {
    var samples = new short[parts.stream().mapToInt(part -> part.length).sum()];
    int position = 0;
    for (var part : parts) {
      System.arraycopy(part, 0, samples, position, part.length);
      position += part.length;
    }
    var file = directory.resolve(name);
    Wav.write(file, new Wav.Clip(new AudioFormat(RATE), samples));
    return file;
  }
}
