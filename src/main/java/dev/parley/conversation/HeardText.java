package dev.parley.conversation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the learner heard of a spoken reply: whole sentences played to their end, then the words of
 * the sentence playing at the cut in proportion to how much of its audio was played.
 */
final class HeardText {

  private HeardText() {}

  /**
   * One sentence's place in the reply audio.
   *
   * @param start offset of its first sample in the reply audio
   * @param length samples synthesized so far
   * @param complete whether synthesis finished, so {@code length} is its whole length
   */
  record Span(String text, long start, long length, boolean complete) {}

  static String of(List<Span> spans, long playedSamples) {
    var heard = new ArrayList<String>();
    for (var span : spans) {
      long played = playedSamples - span.start();
      if (played <= 0 || span.length() == 0) {
        break;
      }
      if (span.complete() && played >= span.length()) {
        heard.add(span.text());
        continue;
      }
      var words = span.text().split(" ");
      int count = (int) (words.length * Math.min(played, span.length()) / span.length());
      // Audio still being synthesized is never the whole sentence.
      count = span.complete() ? count : Math.min(count, words.length - 1);
      if (count > 0) {
        heard.add(String.join(" ", Arrays.copyOf(words, count)));
      }
      break;
    }
    return String.join(" ", heard);
  }
}
