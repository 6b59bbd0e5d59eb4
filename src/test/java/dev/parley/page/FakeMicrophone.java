package dev.parley.page;

import dev.parley.testing.Flite;
import dev.parley.voice.audio.AudioFormat;
import dev.parley.voice.audio.Wav;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

  FakeMicrophone say(String words) {
    parts.add(Flite.say(words).samples());
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
