package dev.parley.evaluation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code parley.evaluation.*}.
 *
 * @param maxTokens upper bound on the model's evaluation reply
 * @param temperature sampling temperature of the evaluation; low, so scores are steady
 * @param levelUpScore the learner moves up a level when their last {@code levelWindow} scores at
 *     their level are all at least this
 * @param levelDownScore the learner moves down a level when those scores are all at most this
 * @param levelWindow how many completed evaluations at the learner's level decide a change
 * @param resumeAfter a pending evaluation this old that no process of this server is running (its
 *     server stopped while it ran) is run again; longer than any evaluation takes, so that one
 *     still running on another node is left alone
 */
@ConfigurationProperties("parley.evaluation")
record EvaluationProperties(
    @DefaultValue("1200") int maxTokens,
    @DefaultValue("0.2") double temperature,
    @DefaultValue("85") int levelUpScore,
    @DefaultValue("40") int levelDownScore,
    @DefaultValue("3") int levelWindow,
    @DefaultValue("10m") Duration resumeAfter) {

  EvaluationProperties {
    if (maxTokens < 1 || levelWindow < 1) {
      throw new IllegalArgumentException(
          "parley.evaluation.max-tokens and level-window must be positive");
    }
    if (resumeAfter.isNegative() || resumeAfter.isZero()) {
      throw new IllegalArgumentException("parley.evaluation.resume-after must be positive");
    }
    if (levelDownScore >= levelUpScore) {
      throw new IllegalArgumentException(
          "parley.evaluation.level-down-score must be below level-up-score");
    }
  }
}
