package dev.parley.feedback;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A fresh in-memory H2 in PostgreSQL mode, migrated like the default install, for tests that the
 * feedback queries run there as well as on PostgreSQL.
 */
public final class H2Database {

  public final DataSource dataSource;
  public final JdbcClient jdbc;
  public final TransactionTemplate transactions;

  public H2Database() {
    var h2 = new JdbcDataSource();
    h2.setURL(
        "jdbc:h2:mem:"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
    dataSource = h2;
    jdbc = JdbcClient.create(h2);
    transactions = new TransactionTemplate(new JdbcTransactionManager(h2));
  }

  /** Stores a session row of {@code owner} and returns its id. */
  public String session(String owner, String language) {
    var id = UUID.randomUUID().toString();
    var now = Instant.now().atOffset(ZoneOffset.UTC);
    jdbc.sql(
            "insert into sessions (id, owner, character_id, mode, level, target_language, status,"
                + " created_at, updated_at) values (?, ?, 'c', 'sandbox', 'B1', ?, 'active', ?, ?)")
        .params(id, owner, language, now, now)
        .update();
    return id;
  }
}
