package dev.parley.monitoring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MonitoringConfig {

  @Bean(initMethod = "start", destroyMethod = "close")
  SchedulingLagProbe schedulingLagProbe(
      MeterRegistry registry,
      @Value("${parley.monitoring.scheduling-lag-interval:10ms}") Duration interval) {
    var lag =
        Timer.builder("parley.scheduling.lag")
            .description(
                "How much later than due a sleeping virtual thread ran again: the delay each hop"
                    + " of a turn waits for a carrier thread")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1).dividedBy(10))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
    return new SchedulingLagProbe(interval, nanos -> lag.record(nanos, TimeUnit.NANOSECONDS));
  }

  /** Replaces Micrometer's LogbackMetrics, whose auto-configuration ParleyApplication excludes. */
  @Bean(destroyMethod = "close")
  @ConditionalOnClass(name = "ch.qos.logback.classic.LoggerContext")
  LogEventsMetrics logEventsMetrics() {
    return new LogEventsMetrics();
  }
}
