package dev.parley.hint;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code parley.hints.*}.
 *
 * @param silenceAfter a connected learner silent this long after the character's turn gets a hint
 *     unasked; zero turns that off
 * @param recentTurns how many of the last turns the hint prompt shows the model
 * @param maxTokens upper bound on the hint's length
 */
@ConfigurationProperties("parley.hints")
public record HintProperties(
    @DefaultValue("20s") Duration silenceAfter,
    @DefaultValue("6") int recentTurns,
    @DefaultValue("300") int maxTokens) {

  public HintProperties {
    if (silenceAfter.isNegative() || recentTurns < 1 || maxTokens < 1) {
      throw new IllegalArgumentException(
          "parley.hints: silence-after must not be negative, recent-turns and max-tokens positive");
    }
  }
}
