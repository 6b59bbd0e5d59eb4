package dev.parley.llm;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Shows which model answers under {@code /actuator/health} as component {@code llm}. A missing
 * model keeps the status UP: the server itself is healthy and says what to configure.
 */
final class LlmHealthIndicator implements HealthIndicator {

  private final ChatModel model;

  LlmHealthIndicator(ChatModel model) {
    this.model = model;
  }

  @Override
  public Health health() {
    var health =
        Health.up()
            .withDetail("provider", model.info().provider())
            .withDetail("model", model.info().model());
    if (model instanceof UnavailableChatModel unavailable) {
      return health.withDetail("configured", false).withDetail("message", unavailable.reason()).build();
    }
    return health.withDetail("configured", true).build();
  }
}
