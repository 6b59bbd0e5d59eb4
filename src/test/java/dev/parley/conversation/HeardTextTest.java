package dev.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.conversation.HeardText.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeardTextTest {

  private static final List<Span> REPLY =
      List.of(
          new Span("Thank you for coming.", 0, 16_000, true),
          new Span("Tell me about your last job in detail.", 16_000, 32_000, true),
          new Span("Take your time.", 48_000, 8_000, true));

  @Test
  void nothingPlayedIsNothingHeard() {
    assertThat(HeardText.of(REPLY, 0)).isEmpty();
    assertThat(HeardText.of(List.of(), 10_000)).isEmpty();
  }

  @Test
  void wholeSentencesPlayedToTheirEndAreHeard() {
    assertThat(HeardText.of(REPLY, 16_000)).isEqualTo("Thank you for coming.");
    assertThat(HeardText.of(REPLY, 56_000))
        .isEqualTo("Thank you for coming. Tell me about your last job in detail. Take your time.");
    assertThat(HeardText.of(REPLY, 1_000_000)).isEqualTo(HeardText.of(REPLY, 56_000));
  }

  @Test
  void theSentenceAtTheCutKeepsWordsInProportionToItsPlayedAudio() {
    // 8 words, half of the audio played: 4 words.
    assertThat(HeardText.of(REPLY, 32_000)).isEqualTo("Thank you for coming. Tell me about your");
    // Less than one word's share: only the sentences before.
    assertThat(HeardText.of(REPLY, 17_000)).isEqualTo("Thank you for coming.");
    assertThat(HeardText.of(REPLY, 4_000)).isEqualTo("Thank");
  }

  @Test
  void aSentenceStillBeingSynthesizedIsNeverHeardWhole() {
    var synthesizing =
        List.of(
            new Span("Thank you for coming.", 0, 16_000, true),
            new Span("Tell me more.", 16_000, 4_000, false));
    assertThat(HeardText.of(synthesizing, 20_000)).isEqualTo("Thank you for coming. Tell me");
  }
}
