package dev.parley.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogEventsMetricsTest {

  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final Logger logger = context.getLogger("dev.parley.monitoring.test");
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final LogEventsMetrics metrics = new LogEventsMetrics();

  @AfterEach
  void close() {
    metrics.close();
    logger.setLevel(null);
  }

  @Test
  void countsTheEventsThatAreLoggedByLevelAndNotTheOnesFilteredOut() {
    metrics.bindTo(registry);
    logger.setLevel(Level.INFO);

    logger.warn("one");
    logger.warn("two");
    logger.error("three");
    logger.info("four");
    logger.debug("not logged: below the logger's level");

    assertThat(count("warn")).isEqualTo(2);
    assertThat(count("error")).isEqualTo(1);
    assertThat(count("info")).isEqualTo(1);
    assertThat(count("debug")).isZero();
  }

  @Test
  void addsNoTurboFilterSoALevelCheckStaysALevelCheck() {
    metrics.bindTo(registry);

    assertThat(context.getTurboFilterList()).isEmpty();
  }

  @Test
  void keepsCountingAfterLoggingIsReconfigured() throws Exception {
    metrics.bindTo(registry);
    try {
      context.reset();
      logger.setLevel(Level.INFO);

      logger.warn("after the reset");

      assertThat(count("warn")).isEqualTo(1);
    } finally {
      new ContextInitializer(context).autoConfig();
    }
  }

  @Test
  void stopsCountingOnceClosed() {
    metrics.bindTo(registry);
    logger.setLevel(Level.INFO);
    metrics.close();

    logger.warn("after close");

    assertThat(count("warn")).isZero();
  }

  private double count(String level) {
    return registry.get("logback.events").tag("level", level).counter().count();
  }
}
