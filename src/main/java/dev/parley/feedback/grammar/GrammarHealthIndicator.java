package dev.parley.feedback.grammar;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Component {@code grammar} of {@code /actuator/health}: which languages are loaded. Warming up
 * keeps the status UP (checks work meanwhile, the first ones wait), but load tests and operators
 * want to know when the ~3–7 s of CPU per language is behind them.
 */
final class GrammarHealthIndicator implements HealthIndicator {

  private final LanguageToolChecker checker;

  GrammarHealthIndicator(LanguageToolChecker checker) {
    this.checker = checker;
  }

  @Override
  public Health health() {
    return Health.up()
        .withDetail("languages", checker.languages())
        .withDetail("warmedUp", checker.warmedUp())
        .withDetail("warmingUp", checker.warmingUp())
        .build();
  }
}
