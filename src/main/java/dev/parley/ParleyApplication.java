package dev.parley;

import dev.parley.models.ModelsCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

// Micrometer's logback metrics run a turbo filter on every level check; LogEventsMetrics (in
// dev.parley.monitoring) counts the same logback.events from an appender.
@SpringBootApplication(
    excludeName =
        "org.springframework.boot.micrometer.metrics.autoconfigure.logging.logback"
            + ".LogbackMetricsAutoConfiguration")
@ConfigurationPropertiesScan
public class ParleyApplication {

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("models")) {
      System.exit(ModelsCommand.run(Arrays.copyOfRange(args, 1, args.length)));
    }
    SpringApplication.run(ParleyApplication.class, args);
  }
}
