package dev.parley.feedback.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.parley.feedback.H2Database;
import dev.parley.feedback.LanguageFilter;
import dev.parley.testing.EmbeddedPostgres;
import dev.parley.testing.StatementLog;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Word counts on H2 (the default install) and PostgreSQL, one or two round trips an utterance. */
class VocabularyStoreTest {

  private static HikariDataSource postgres;

  static Stream<String> databases() {
    return Stream.of("h2", "postgresql");
  }

  @AfterAll
  static void closePool() {
    if (postgres != null) {
      postgres.close();
    }
  }

  private final StatementLog log = new StatementLog();
  private final String ana = "ana-" + UUID.randomUUID();
  private final String bob = "bob-" + UUID.randomUUID();

  private VocabularyStore store(String database) {
    var dataSource = log.wrap(dataSource(database));
    return new VocabularyStore(
        new JdbcTemplate(dataSource),
        new TransactionTemplate(new JdbcTransactionManager(dataSource)));
  }

  private static synchronized DataSource dataSource(String database) {
    if (database.equals("h2")) {
      return new H2Database().dataSource;
    }
    if (postgres == null) {
      postgres = new HikariDataSource();
      postgres.setJdbcUrl(EmbeddedPostgres.jdbcUrl());
      postgres.setUsername("postgres");
      postgres.setPassword("postgres");
      postgres.setMaximumPoolSize(8);
      Flyway.configure().dataSource(postgres).locations("classpath:db/migration").load().migrate();
    }
    return postgres;
  }

  @ParameterizedTest
  @MethodSource("databases")
  void countsAddUpPerLearnerAndLanguage(String database) {
    var store = store(database);
    var monthAgo = Instant.now().minus(30, ChronoUnit.DAYS);
    var now = Instant.now();
    store.add(ana, "es-ES", Words.count("hola hola amigo", "es-ES"), monthAgo);
    store.add(ana, "es-ES", Words.count("Hola, café, hola", "es-ES"), now);
    store.add(ana, "fr-FR", Words.count("bonjour", "fr-FR"), now);
    store.add(bob, "es-ES", Words.count("hola", "es-ES"), now);

    var es = LanguageFilter.of("es");
    assertThat(store.totals(ana, es)).isEqualTo(new VocabularyStore.Totals(6, 3));
    assertThat(store.totals(ana, LanguageFilter.ANY)).isEqualTo(new VocabularyStore.Totals(7, 4));
    assertThat(store.top(ana, es, 1))
        .containsExactly(new VocabularyStore.WordCount("hola", "es-ES", 4));
    assertThat(store.firstUsedSince(ana, es, now.minus(7, ChronoUnit.DAYS), 100))
        .extracting(VocabularyStore.NewWord::word)
        .containsExactly("café");
    assertThat(store.totals(bob, es)).isEqualTo(new VocabularyStore.Totals(1, 1));
  }

  @ParameterizedTest
  @MethodSource("databases")
  void anUtteranceIsOneBatchOfIncrementsAndOneOfNewWords(String database) {
    var store = store(database);
    var now = Instant.now();

    store.add(ana, "es-ES", Words.count("un café con leche, por favor", "es-ES"), now);
    assertThat(log.executed())
        .extracting(s -> s.substring(0, s.indexOf(" learner_words")))
        .containsExactly("batch 6: update", "batch 6: insert into");

    log.clear();
    store.add(ana, "es-ES", Words.count("un café solo por favor", "es-ES"), now);
    assertThat(log.executed())
        .extracting(s -> s.substring(0, s.indexOf(" learner_words")))
        .containsExactly("batch 5: update", "batch 1: insert into");

    log.clear();
    store.add(ana, "es-ES", Words.count("café con leche", "es-ES"), now);
    assertThat(log.executed()).singleElement().asString().startsWith("batch 3: update");

    assertThat(store.top(ana, LanguageFilter.ANY, 3))
        .containsExactly(
            new VocabularyStore.WordCount("café", "es-ES", 3),
            new VocabularyStore.WordCount("con", "es-ES", 2),
            new VocabularyStore.WordCount("favor", "es-ES", 2));
    assertThat(store.totals(ana, LanguageFilter.ANY)).isEqualTo(new VocabularyStore.Totals(14, 7));
  }

  /** Words are letters only: a, b, c, ... */
  private static char letter(int index) {
    return (char) ('a' + index);
  }

  /**
   * Two sessions of one learner at once: every use counts once, including new words that both
   * insert at the same moment and words that come in a different order.
   */
  @ParameterizedTest
  @MethodSource("databases")
  void concurrentSessionsOfOneLearnerCountEveryUse(String database) throws Exception {
    var store = store(database);
    int sessions = 4;
    int utterances = 25;
    var tasks = new ArrayList<Callable<Void>>();
    for (int s = 0; s < sessions; s++) {
      var reversed = s % 2 == 1;
      tasks.add(
          () -> {
            for (int u = 0; u < utterances; u++) {
              var words =
                  new ArrayList<>(
                      List.of(
                          "hola", "hola", "amigo", "nuevo" + letter(u), "otro" + letter(u / 5)));
              if (reversed) {
                words = new ArrayList<>(words.reversed());
              }
              store.add(ana, "es-ES", Words.count(String.join(" ", words), "es-ES"), Instant.now());
            }
            return null;
          });
    }
    try (var threads = Executors.newFixedThreadPool(sessions)) {
      for (Future<Void> done : threads.invokeAll(tasks)) {
        done.get();
      }
    }

    var counts = store.top(ana, LanguageFilter.ANY, 100);
    assertThat(counts)
        .filteredOn(c -> c.word().equals("hola"))
        .singleElement()
        .extracting(VocabularyStore.WordCount::count)
        .isEqualTo(2L * sessions * utterances);
    assertThat(counts)
        .filteredOn(c -> c.word().startsWith("nuevo"))
        .hasSize(utterances)
        .allSatisfy(c -> assertThat(c.count()).isEqualTo(sessions));
    assertThat(counts)
        .filteredOn(c -> c.word().startsWith("otro"))
        .hasSize(utterances / 5)
        .allSatisfy(c -> assertThat(c.count()).isEqualTo(5L * sessions));
    assertThat(store.totals(ana, LanguageFilter.ANY))
        .isEqualTo(new VocabularyStore.Totals(5L * sessions * utterances, 2 + utterances + 5));
  }
}
