package dev.parley.testing;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Points a Spring test context at the shared embedded PostgreSQL. */
public class PostgresInitializer
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    TestPropertyValues.of(
            "spring.datasource.url=" + EmbeddedPostgres.jdbcUrl(),
            "spring.datasource.username=postgres",
            "spring.datasource.password=postgres")
        .applyTo(context.getEnvironment());
  }
}
