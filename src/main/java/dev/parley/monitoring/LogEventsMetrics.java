package dev.parley.monitoring;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Counts what is logged, by level, as {@code logback.events}: the meter Micrometer's {@code
 * LogbackMetrics} registers, which this replaces. Micrometer counts through a turbo filter, and
 * logback consults turbo filters on every {@code isDebugEnabled()} as well; Jetty asks that
 * several times for each WebSocket frame, and with 1,000 voice sessions on one core the filter
 * took 4 % of the server's CPU. An appender on the root logger sees only the events that are
 * logged.
 */
final class LogEventsMetrics implements MeterBinder, AutoCloseable {

  private final LoggerContext context;
  private final CountingAppender appender = new CountingAppender();
  private final ReattachOnReset listener = new ReattachOnReset();

  LogEventsMetrics() {
    this.context = (LoggerContext) LoggerFactory.getILoggerFactory();
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    appender.counters =
        Map.of(
            Level.ERROR, counter(registry, "error"),
            Level.WARN, counter(registry, "warn"),
            Level.INFO, counter(registry, "info"),
            Level.DEBUG, counter(registry, "debug"),
            Level.TRACE, counter(registry, "trace"));
    context.addListener(listener);
    attach();
  }

  @Override
  public void close() {
    context.removeListener(listener);
    root().detachAppender(appender);
    appender.stop();
  }

  private void attach() {
    appender.setContext(context);
    appender.setName("parley-log-events-metrics");
    appender.start();
    root().addAppender(appender);
  }

  private Logger root() {
    return context.getLogger(Logger.ROOT_LOGGER_NAME);
  }

  private static Counter counter(MeterRegistry registry, String level) {
    return Counter.builder("logback.events")
        .tag("level", level)
        .description("Number of events logged, by level")
        .baseUnit("events")
        .register(registry);
  }

  private static final class CountingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    volatile Map<Level, Counter> counters = Map.of();

    @Override
    protected void append(ILoggingEvent event) {
      var counter = counters.get(event.getLevel());
      if (counter != null) {
        counter.increment();
      }
    }
  }

  /** A reset (logging reconfigured) detaches and stops every appender: this one comes back. */
  private final class ReattachOnReset implements LoggerContextListener {

    @Override
    public boolean isResetResistant() {
      return true;
    }

    @Override
    public void onReset(LoggerContext resetContext) {
      attach();
    }

    @Override
    public void onStart(LoggerContext startedContext) {}

    @Override
    public void onStop(LoggerContext stoppedContext) {}

    @Override
    public void onLevelChange(Logger logger, Level level) {}
  }
}
