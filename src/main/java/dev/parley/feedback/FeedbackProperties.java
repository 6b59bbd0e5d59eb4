package dev.parley.feedback;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code parley.feedback.*}.
 *
 * @param enabled whether learner utterances are grammar-checked at all
 * @param workers threads that run checks; checks cost CPU, so few, to leave cores to the replies
 * @param queueCapacity utterances waiting for a worker; beyond that a check is dropped
 */
@ConfigurationProperties("parley.feedback")
public record FeedbackProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("1") int workers,
    @DefaultValue("64") int queueCapacity) {

  public FeedbackProperties {
    if (workers < 1 || queueCapacity < 1) {
      throw new IllegalArgumentException(
          "parley.feedback: workers and queue-capacity must be positive");
    }
  }
}
