package dev.parley.monitoring;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MonitoringConfig {

  @Bean(initMethod = "start", destroyMethod = "close")
  SchedulingLagProbe schedulingLagProbe(
      MeterRegistry registry,
      @Value("${parley.monitoring.scheduling-lag-interval:10ms}") Duration interval) {
    return new SchedulingLagProbe(registry, interval);
  }
}
