package dev.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.character.CefrLevel;
import dev.parley.learner.Learner;
import dev.parley.testing.ScriptedChatModel;
import dev.parley.testing.StatementLog;
import dev.parley.testing.TestCharacters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The statements one turn costs the conversation (the listeners beside it count their own): issue 3
 * budgets a turn's server CPU, and JDBC was a tenth of it.
 */
class DatabaseWorkPerTurnTest {

  private static final Learner ANA = new Learner("ana");

  private final ScriptedChatModel model = new ScriptedChatModel();
  private final StatementLog log = new StatementLog();
  private JdbcConversationStore store;
  private ConversationService service;

  @BeforeEach
  void setUp() {
    var h2 =
        new DriverManagerDataSource(
            "jdbc:h2:mem:"
                + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "sa",
            "");
    Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
    var logged = log.wrap(h2);
    store =
        new JdbcConversationStore(
            JdbcClient.create(logged),
            new TransactionTemplate(new DataSourceTransactionManager(logged)));
    service = newService();
  }

  private ConversationService newService() {
    return new ConversationService(
        store,
        TestCharacters.catalog(),
        model,
        ConversationProperties.defaults(),
        new ConversationMetrics(new SimpleMeterRegistry()),
        Clock.systemUTC(),
        event -> {});
  }

  @AfterEach
  void tearDown() {
    service.close();
  }

  @Test
  void aSpokenTurnWhoseFirstAudioWentOutBeforeTheReplyEnded() throws Exception {
    var session = startSession();
    say(session, "Hola", "¡Hola!");
    Thread.sleep(300);
    log.clear();

    service.readAhead(session.id());
    var timings = new VoiceTimings(150, 350, 400, 520, 521, "s", "m", "t", "m");
    model.enqueueReply("¿Con leche?");
    var recorder =
        new TurnRecorder() {
          @Override
          public VoiceTimings voiceTimingsSoFar() {
            return timings;
          }
        };
    service.send(ANA, session.id(), "Un café", recorder);
    var turn = recorder.await();
    service.close();

    // The latencies go into the insert: no update of the turn after it.
    assertThat(log.executed())
        .extracting(DatabaseWorkPerTurnTest::firstWords)
        .containsExactly("insert into", "update sessions");
    assertThat(turn.voice()).isEqualTo(timings);
    assertThat(store.turns(session.id()).getLast().voice()).isEqualTo(timings);
  }

  @Test
  void aSpokenTurn() throws Exception {
    var session = startSession();
    say(session, "Hola", "¡Hola!");
    Thread.sleep(300); // the first turn's background work, if any (none now)
    log.clear();

    service.readAhead(session.id()); // the learner starts speaking: the last turn left its history
    var turn = say(session, "Un café", "¿Con leche?");
    // The first audio went out after the reply was stored: its latencies come in a second write.
    service.recordVoice(turn, new VoiceTimings(150, 350, 400, 520, 521, "s", "m", "t", "m"));
    service.close(); // waits for the background work the turn started

    // Before: the session and its turns read apart, and again for the summary check (7 in all);
    // then read together once per turn (4).
    assertThat(log.executed())
        .extracting(DatabaseWorkPerTurnTest::firstWords)
        .containsExactly("insert into", "update sessions", "update turns");
    var stored = store.turns(session.id()).getLast();
    assertThat(stored.id()).isEqualTo(turn.id());
    assertThat(stored.userText()).isEqualTo("Un café");
    assertThat(stored.replyText()).isEqualTo("¿Con leche?");
    assertThat(stored.voice().firstAudioSentMs()).isEqualTo(521);
  }

  @Test
  void aTypedTurn() throws Exception {
    var session = startSession();
    say(session, "Hola", "¡Hola!");
    Thread.sleep(300); // the first turn's background work, if any (none now)
    log.clear();

    var turn = say(session, "Un café", "¿Con leche?");
    service.close();

    // Before: 6, then 3 (see above).
    assertThat(log.executed())
        .extracting(DatabaseWorkPerTurnTest::firstWords)
        .containsExactly("insert into", "update sessions");
    assertThat(store.turns(session.id())).extracting(Turn::number).containsExactly(0, 1, 2);
    assertThat(store.turns(session.id()).getLast())
        .extracting(Turn::id, Turn::userText, Turn::replyText)
        .containsExactly(turn.id(), "Un café", "¿Con leche?");
  }

  @Test
  void aPromptFromTheTurnsKeptIsThePromptFromTheDatabase() throws Exception {
    String[][] exchanges = {{"Hola", "¡Hola!"}, {"Un café", "¿Con leche?"}, {"Sí", "Marchando."}};
    var kept = startSession();
    log.clear();
    for (var exchange : exchanges) {
      say(kept, exchange[0], exchange[1]);
    }
    assertThat(log.executed()).noneMatch(sql -> sql.startsWith("select"));
    var keptPrompt = model.requests().getLast().messages();

    var read = startSession();
    for (var exchange : exchanges) {
      try (var fresh = newService()) { // keeps nothing from the turn before: reads it
        model.enqueueReply(exchange[1]);
        var recorder = new TurnRecorder();
        fresh.send(ANA, read.id(), exchange[0], recorder);
        recorder.await();
      }
    }
    assertThat(model.requests().getLast().messages()).isEqualTo(keptPrompt);
  }

  @Test
  void aWriteBesideTheTurnsMakesTheNextTurnReadAgain() throws Exception {
    var session = startSession();
    var turn = say(session, "Hola", "¡Hola! ¿Qué le pongo?");
    service.replyHeard(turn, "¡Hola!"); // the learner interrupted: the stored reply is cut
    log.clear();

    say(session, "Un café", "¿Con leche?");

    assertThat(log.executed()).first().asString().startsWith("select s.*");
    assertThat(model.requests().getLast().messages())
        .anySatisfy(message -> assertThat(message.text()).isEqualTo("¡Hola!"))
        .noneSatisfy(message -> assertThat(message.text()).contains("¿Qué le pongo?"));
  }

  private static String firstWords(String sql) {
    var words = sql.split(" ");
    return words[0] + " " + words[1].replace(",", "");
  }

  private Session startSession() {
    return service
        .start(
            ANA,
            new NewSession(TestCharacters.BARISTA, SessionMode.SANDBOX, CefrLevel.B1, "en", null))
        .session();
  }

  private Turn say(Session session, String text, String... reply) throws Exception {
    model.enqueueReply(reply);
    var recorder = new TurnRecorder();
    service.send(ANA, session.id(), text, recorder);
    return recorder.await();
  }
}
