package dev.parley.bench;

import dev.parley.testing.Flite;
import dev.parley.voice.audio.AudioFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
  static List<short[]> synthesize() {
    int lead = AudioFormat.PIPELINE_RATE * LEAD_IN_MILLIS / 1000;
    var clips = new ArrayList<short[]>();
    for (var sentence : SENTENCES) {
      var samples = Flite.say(sentence).samples();
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
