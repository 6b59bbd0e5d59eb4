package dev.parley.bench;

import dev.parley.voice.audio.AudioFormat;
import dev.parley.voice.audio.Resampler;
import dev.parley.voice.audio.Wav;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A few English answers to the interview character, synthesized once with flite's kal16 voice. */
final class Utterances {

  static final List<String> SENTENCES =
      List.of(
          "I have worked as a project coordinator for three years.",
          "I like planning deliveries and talking to customers.",
          "When a supplier was late, I called them and found another driver.",
          "I keep a list of deadlines and check it every morning.",
          "Could you tell me more about the team?");

  /** Speech starts after this much silence, as a microphone opened before talking would. */
  private static final int LEAD_IN_MILLIS = 300;

  private Utterances() {}

  /** 16 kHz PCM16 samples of each sentence, with a short silent lead-in. */
  static List<short[]> synthesize(Path dir) throws IOException, InterruptedException {
    var clips = new ArrayList<short[]>();
    for (int i = 0; i < SENTENCES.size(); i++) {
      var wav = dir.resolve("utterance-" + i + ".wav");
      var flite =
          new ProcessBuilder(
                  "flite", "-voice", "kal16", "-t", SENTENCES.get(i), "-o", wav.toString())
              .redirectErrorStream(true)
              .start();
      String output = new String(flite.getInputStream().readAllBytes());
      if (!flite.waitFor(60, TimeUnit.SECONDS) || flite.exitValue() != 0 || !Files.exists(wav)) {
        throw new IOException(
            "flite could not synthesize the test utterances (apt-get install flite): " + output);
      }
      var clip = Wav.read(wav);
      var samples = Resampler.toPipelineRate(clip.format().sampleRate()).process(clip.samples());
      int lead = AudioFormat.PIPELINE_RATE * LEAD_IN_MILLIS / 1000;
      var padded = new short[lead + samples.length];
      System.arraycopy(samples, 0, padded, lead, samples.length);
      clips.add(padded);
    }
    return clips;
  }

  /** The clip cut into frames of {@code samplesPerFrame}, the last one padded with silence. */
  static List<short[]> frames(short[] clip, int samplesPerFrame) {
    var frames = new ArrayList<short[]>();
    for (int at = 0; at < clip.length; at += samplesPerFrame) {
      frames.add(Arrays.copyOfRange(clip, at, at + samplesPerFrame));
    }
    return frames;
  }
}
