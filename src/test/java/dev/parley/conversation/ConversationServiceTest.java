package dev.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.character.CefrLevel;
import dev.parley.learner.Learner;
import dev.parley.llm.ChatMessage;
import dev.parley.llm.ChatRequest;
import dev.parley.llm.LlmErrorCode;
import dev.parley.testing.ScriptedChatModel;
import dev.parley.testing.TestCharacters;
import dev.parley.web.ApiException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The conversation core without Spring: a real H2 database, the scripted model. */
class ConversationServiceTest {

  private static final Learner ANA = new Learner("ana");

  private final ScriptedChatModel model = new ScriptedChatModel();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final MutableClock clock = new MutableClock();
  private final List<Object> events = new CopyOnWriteArrayList<>();
  private JdbcConversationStore store;
  private ConversationService service;

  @BeforeEach
  void setUp() {
    var dataSource =
        new DriverManagerDataSource(
            "jdbc:h2:mem:"
                + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "sa",
            "");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    store =
        new JdbcConversationStore(
            JdbcClient.create(dataSource),
            new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    service = service(ConversationProperties.defaults());
  }

  @AfterEach
  void tearDown() {
    service.close();
  }

  private ConversationService service(ConversationProperties properties) {
    return new ConversationService(
        store,
        TestCharacters.catalog(),
        model,
        properties,
        new ConversationMetrics(meters),
        clock,
        events::add);
  }

  private Session startBarista(CefrLevel level) {
    return service
        .start(ANA, new NewSession(TestCharacters.BARISTA, SessionMode.SANDBOX, level, "en", null))
        .session();
  }

  private Turn say(Session session, String text, String... reply) throws Exception {
    model.enqueueReply(reply);
    var recorder = new TurnRecorder();
    service.send(ANA, session.id(), text, recorder);
    return recorder.await();
  }

  @Test
  void startingASessionStoresTheOpeningLineAsTurnZero() {
    var started =
        service.start(
            ANA,
            new NewSession(TestCharacters.BARISTA, SessionMode.STORY, CefrLevel.A2, null, null));

    assertThat(started.session().targetLanguage()).isEqualTo("es-ES");
    assertThat(started.session().status()).isEqualTo(SessionStatus.ACTIVE);
    assertThat(store.turns(started.session().id()))
        .singleElement()
        .satisfies(
            turn -> {
              assertThat(turn.number()).isZero();
              assertThat(turn.userText()).isNull();
              assertThat(turn.replyText()).isEqualTo("¡Hola! ¿Qué te pongo?");
            });
  }

  @Test
  void aFinishedTurnKeepsNeitherItsStreamNorTheThreadThatStartedIt() throws Exception {
    var session = startBarista(CefrLevel.A2);
    model.enqueueReply("¡Claro!");
    var recorder = new TurnRecorder();
    var handle = new AtomicReference<TurnHandle>();
    var starterBallast =
        runOnAThreadHolding(
            new byte[1 << 20],
            () -> handle.set(service.send(ANA, session.id(), "Un café", recorder)));
    recorder.await();
    var stream = model.lastStream();

    // A voice session keeps its last turn until the next one: what the turn no longer needs must
    // not live as long, or every session carries a turn's buffers into the old generation.
    assertThat(handle.get()).isNotNull();
    await()
        .atMost(10, TimeUnit.SECONDS)
        .untilAsserted(
            () -> {
              System.gc();
              assertThat(stream.get()).isNull();
              assertThat(starterBallast.get()).isNull();
            });
  }

  /** Runs {@code body} on a virtual thread whose task holds {@code ballast}, as a socket's would. */
  private static WeakReference<byte[]> runOnAThreadHolding(byte[] ballast, Runnable body)
      throws InterruptedException {
    Thread.ofVirtual()
        .start(
            () -> {
              body.run();
              Reference.reachabilityFence(ballast);
            })
        .join();
    return new WeakReference<>(ballast);
  }

  @Test
  void featuresBesideTheConversationHearOfUtterancesStoredTurnsAndFinishedSessions()
      throws Exception {
    var session = startBarista(CefrLevel.A2);
    var turn = say(session, "Yo quiero un café", "¡Claro!");
    service.finish(ANA, session.id());

    await()
        .atMost(5, TimeUnit.SECONDS)
        .untilAsserted(
            () ->
                assertThat(events)
                    .extracting(Object::getClass)
                    .containsExactlyInAnyOrder(
                        LearnerSpoke.class, TurnRecorded.class, SessionFinished.class));
    var spoke = only(LearnerSpoke.class);
    assertThat(spoke.session().id()).isEqualTo(session.id());
    assertThat(spoke.turnNumber()).isEqualTo(1);
    assertThat(spoke.text()).isEqualTo("Yo quiero un café");
    assertThat(spoke.spoken()).isFalse();
    assertThat(only(TurnRecorded.class).turn()).isEqualTo(turn);
    var finished = only(SessionFinished.class);
    assertThat(finished.reason()).isEqualTo(SessionFinished.Reason.LEARNER);
    assertThat(finished.session().status()).isEqualTo(SessionStatus.FINISHED);

    service.finish(ANA, session.id());
    Thread.sleep(100);
    assertThat(events).as("finishing twice announces it once").hasSize(3);
  }

  @Test
  void redactingATurnChangesWhatIsStoredAndWhatLaterPromptsSee() throws Exception {
    var session = startBarista(CefrLevel.A2);
    var turn = say(session, "my card is 4111 1111 1111 1111", "Gracias.");

    service.redact(turn, "my card is [redacted]", null);

    assertThat(store.turns(session.id()).get(1))
        .satisfies(
            stored -> {
              assertThat(stored.userText()).isEqualTo("my card is [redacted]");
              assertThat(stored.replyText()).isEqualTo("Gracias.");
            });
    say(session, "¿Algo más?", "No.");
    assertThat(model.requests().getLast().messages())
        .extracting(ChatMessage::text)
        .noneMatch(text -> text.contains("4111"));

    // Features keeping their own copy of the learner's words hear of it.
    await()
        .atMost(5, TimeUnit.SECONDS)
        .until(() -> events.stream().anyMatch(TurnRedacted.class::isInstance));
    var redacted = only(TurnRedacted.class);
    assertThat(redacted.session().id()).isEqualTo(session.id());
    assertThat(redacted.previous()).isEqualTo(turn);
    assertThat(redacted.turn().userText()).isEqualTo("my card is [redacted]");
    assertThat(redacted.turn().replyText()).isEqualTo("Gracias.");
    assertThat(redacted.userTextRedacted()).isTrue();
  }

  @Test
  void aRedactionThatChangesNothingIsNotAnnounced() throws Exception {
    var session = startBarista(CefrLevel.A2);
    var turn = say(session, "Un café", "Gracias.");

    service.redact(turn, null, null);
    service.redact(turn, "Un café", null);
    letTheReadAheadFinish();

    assertThat(events).noneMatch(TurnRedacted.class::isInstance);
  }

  @Test
  void unknownCharacterIsRefused() {
    assertThatThrownBy(
            () ->
                service.start(
                    ANA, new NewSession("nobody", SessionMode.SANDBOX, CefrLevel.B1, null, null)))
        .isInstanceOf(ApiException.class)
        .extracting(e -> ((ApiException) e).code())
        .isEqualTo("character_not_found");
  }

  @Test
  void promptHasPersonaRulesSummaryRecentTurnsAndTheNewMessage() throws Exception {
    service = service(ConversationProperties.defaults().withHistory(2, 1));
    var session = startBarista(CefrLevel.A1);
    say(session, "Hola", "¡Hola!");
    say(session, "Un café", "¿Con leche?");
    say(session, "Sí", "Aquí tienes.");
    // Turns 0-2 left the window: wait for them to be folded into the summary.
    await()
        .atMost(10, TimeUnit.SECONDS)
        .until(() -> store.find(session.id()).orElseThrow().summarizedThrough() >= 1);

    // Read before sending: the turn below triggers the next summary, which moves this on.
    var summarizedThrough = store.find(session.id()).orElseThrow().summarizedThrough();
    model.enqueueReply("De nada.");
    var recorder = new TurnRecorder();
    service.send(ANA, session.id(), "Gracias", recorder);
    recorder.await();

    // The turn's own request: a summary call may already have followed it.
    ChatRequest request =
        model.requests().stream()
            .filter(r -> r.messages().getLast().equals(ChatMessage.user("Gracias")))
            .findFirst()
            .orElseThrow();
    assertThat(request.cacheKey()).isEqualTo(session.id());
    var system = request.messages().getFirst();
    assertThat(system.role()).isEqualTo(ChatMessage.Role.SYSTEM);
    assertThat(system.text())
        .contains("You are Lucía, a friendly barista")
        .contains("only the present tense")
        .contains("es-ES at CEFR level A1")
        .contains("native language is en")
        .contains("Stay in character")
        .contains("Summary of the conversation so far:\n" + "Hello there.");
    var expected = new ArrayList<ChatMessage>();
    expected.add(system);
    for (var turn : store.turns(session.id())) {
      if (turn.number() > summarizedThrough && turn.number() < 4) {
        if (turn.userText() != null) {
          expected.add(ChatMessage.user(turn.userText()));
        }
        expected.add(ChatMessage.assistant(turn.replyText()));
      }
    }
    expected.add(ChatMessage.user("Gracias"));
    assertThat(request.messages()).containsExactlyElementsOf(expected);
    assertThat(request.messages()).hasSizeLessThanOrEqualTo(1 + 2 * 2 + 1);
  }

  @Test
  void summaryFoldsTurnsThatLeftTheWindow() throws Exception {
    service = service(ConversationProperties.defaults().withHistory(2, 1));
    var session = startBarista(CefrLevel.B1);
    model.defaultReply("Resumen: Ana pidió un café.");
    say(session, "Hola", "¡Hola!");
    assertThat(store.find(session.id()).orElseThrow().summarizedThrough()).isEqualTo(-1);

    say(session, "Un café con leche", "Marchando.");

    await()
        .atMost(10, TimeUnit.SECONDS)
        .until(() -> store.find(session.id()).orElseThrow().summarizedThrough() == 0);
    var stored = store.find(session.id()).orElseThrow();
    assertThat(stored.summary()).isEqualTo("Resumen: Ana pidió un café.");
    var summaryRequest = model.requests().getLast();
    assertThat(summaryRequest.cacheKey()).isNull();
    assertThat(summaryRequest.messages().getLast().text())
        .contains("Lucía: ¡Hola! ¿Qué te pongo?")
        .doesNotContain("Marchando");
  }

  @Test
  void startingASessionPrefillsThePromptTheFirstTurnWillExtend() throws Exception {
    var session = startBarista(CefrLevel.A1);
    await().atMost(5, TimeUnit.SECONDS).until(() -> !model.prefills().isEmpty());
    var prefill = model.prefills().getFirst();
    assertThat(prefill.cacheKey()).isEqualTo(session.id());

    say(session, "Un café", "¿Con leche?");
    var firstTurn = model.requests().getLast().messages();
    assertThat(firstTurn.subList(0, prefill.messages().size()))
        .containsExactlyElementsOf(prefill.messages());
    assertThat(prefill.messages().getLast())
        .isEqualTo(ChatMessage.assistant("¡Hola! ¿Qué te pongo?"));
  }

  @Test
  void wordsHeardWhileTheLearnerSpeaksPrefillTheReplysPrompt() throws Exception {
    var session = startBarista(CefrLevel.A1);
    say(session, "Un café", "¿Con leche?");
    int before = model.prefills().size();

    // The turn left what the next prompt needs: the first words heard use it.
    speculateUntilPrefilled(session.id(), "Sí, con", before);
    service.speculate(ANA, session.id(), "Sí, con leche");
    await()
        .atMost(5, TimeUnit.SECONDS)
        .until(() -> model.prefills().getLast().messages().getLast().text().endsWith("leche"));
    service.speculate(new Learner("mallory"), session.id(), "Sí, con leche y azúcar");
    say(session, "Sí, con leche", "Marchando.");
    var replyPrompt = model.requests().getLast().messages();
    // The next utterance's words extend the prompt this turn left, the turn in it.
    service.speculate(ANA, session.id(), "Gracias");
    await()
        .atMost(5, TimeUnit.SECONDS)
        .until(() -> model.prefills().getLast().messages().getLast().text().equals("Gracias"));

    var prefills = model.prefills();
    assertThat(prefills.subList(before, prefills.size()))
        .as("another learner's words are not prefilled")
        .allSatisfy(p -> assertThat(p.cacheKey()).isEqualTo(session.id()))
        .extracting(p -> p.messages().getLast().text())
        .contains("Sí, con leche")
        .doesNotContain("Sí, con leche y azúcar");
    var lastBeforeReply =
        prefills.stream()
            .filter(p -> p.messages().getLast().text().equals("Sí, con leche"))
            .reduce((first, second) -> second)
            .orElseThrow();
    assertThat(lastBeforeReply.messages())
        .as("the prefilled prompt is the one the reply was asked with")
        .containsExactlyElementsOf(replyPrompt);
    assertThat(prefills.getLast().messages())
        .containsSubsequence(
            ChatMessage.user("Sí, con leche"), ChatMessage.assistant("Marchando."));
  }

  @Test
  void speculativePrefillsFollowTheOrderTheWordsWereHeardIn() throws Exception {
    var session = startBarista(CefrLevel.A1);
    say(session, "Un café", "¿Con leche?");
    int before = model.prefills().size();
    speculateUntilPrefilled(session.id(), "palabra 0", before);

    for (int i = 1; i <= 200; i++) {
      service.speculate(ANA, session.id(), "palabra " + i);
    }

    await()
        .atMost(5, TimeUnit.SECONDS)
        .until(() -> model.prefills().getLast().messages().getLast().text().equals("palabra 200"));
    var heard =
        model.prefills().subList(before, model.prefills().size()).stream()
            .map(p -> Integer.parseInt(p.messages().getLast().text().substring("palabra ".length())))
            .toList();
    assertThat(heard).as("words overtaken while waiting are skipped, never read late").isSorted();
    assertThat(heard.size()).isLessThan(200);
  }

  private void speculateUntilPrefilled(String sessionId, String words, int prefillsBefore) {
    await()
        .atMost(5, TimeUnit.SECONDS)
        .until(
            () -> {
              service.speculate(ANA, sessionId, words);
              return model.prefills().size() > prefillsBefore;
            });
  }

  @Test
  void betweenSummariesEachPromptOnlyGrowsAtItsEnd() throws Exception {
    service = service(ConversationProperties.defaults().withHistory(2, 3));
    var session = startBarista(CefrLevel.B1);
    model.defaultReply("Resumen: Ana pide cosas.");
    for (int i = 1; i <= 6; i++) {
      say(session, "Frase " + i, "Respuesta " + i);
      if (i == 4) {
        // Turns 0-4 reached window + batch: 0-2 are folded together.
        await()
            .atMost(10, TimeUnit.SECONDS)
            .until(() -> store.find(session.id()).orElseThrow().summarizedThrough() == 2);
      }
    }

    var prompts =
        model.requests().stream()
            .filter(r -> session.id().equals(r.cacheKey()))
            .map(ChatRequest::messages)
            .toList();
    assertThat(prompts).hasSize(6);
    var rewritten = new ArrayList<Integer>();
    for (int i = 1; i < prompts.size(); i++) {
      var previous = prompts.get(i - 1);
      var next = prompts.get(i);
      if (next.size() < previous.size() || !next.subList(0, previous.size()).equals(previous)) {
        rewritten.add(i + 1);
      }
    }
    // Only the prompt right after the fold starts differently; the others reuse the KV cache.
    assertThat(rewritten).containsExactly(5);
    assertThat(model.requests().stream().filter(r -> r.cacheKey() == null)).hasSize(1);
  }

  @Test
  void completedTurnIsStoredWithTimingsBeforeItIsAcknowledged() throws Exception {
    var session = startBarista(CefrLevel.B1);
    model.tokenDelay(Duration.ofMillis(5));
    model.enqueueReply("Claro", ", ", "enseguida", ".");
    var storedAtAck = new AtomicReference<List<Turn>>();
    var recorder = new TurnRecorder(turn -> storedAtAck.set(store.turns(session.id())));

    service.send(ANA, session.id(), "Un café, por favor", recorder);
    var turn = recorder.await();

    assertThat(recorder.events)
        .containsExactly("started:1", "delta", "delta", "delta", "delta", "completed");
    assertThat(String.join("", recorder.deltas)).isEqualTo("Claro, enseguida.");
    assertThat(storedAtAck.get()).extracting(Turn::id).contains(turn.id());
    var stored = store.turns(session.id()).getLast();
    assertThat(stored).isEqualTo(turn);
    assertThat(stored.number()).isEqualTo(1);
    assertThat(stored.userText()).isEqualTo("Un café, por favor");
    assertThat(stored.replyText()).isEqualTo("Claro, enseguida.");
    assertThat(stored.status()).isEqualTo(TurnStatus.COMPLETED);
    assertThat(stored.firstTokenMs()).isNotNull().isGreaterThanOrEqualTo(4);
    assertThat(stored.totalMs()).isGreaterThanOrEqualTo(stored.firstTokenMs());
    assertThat(stored.promptTokens()).isPositive();
    assertThat(stored.completionTokens()).isEqualTo(4);
    assertThat(stored.tokensPerSecond()).isPositive();
    assertThat(stored.provider()).isEqualTo("scripted");
    assertThat(stored.model()).isEqualTo("scripted-test-model");

    var tags = new String[] {"provider", "scripted", "model", "scripted-test-model"};
    assertThat(meters.get("parley.turn.first.token").tags(tags).timer().count()).isEqualTo(1);
    assertThat(meters.get("parley.turn.tokens.per.second").tags(tags).summary().count())
        .isEqualTo(1);
    assertThat(meters.get("parley.turn.duration").tags(tags).timer().count()).isEqualTo(1);
    assertThat(meters.get("parley.turn.outcomes").tag("outcome", "completed").counter().count())
        .isEqualTo(1);
  }

  @Test
  void theModelIsAskedBeforeTheListenerHearsTheStartButTokensWaitForIt() throws Exception {
    var session = startBarista(CefrLevel.B1);
    model.tokenDelay(Duration.ZERO);
    model.enqueueReply("Claro", ".");
    var requestsAtStart = new AtomicReference<Integer>();
    var recorder =
        new TurnRecorder() {
          @Override
          public void onStarted(int number) {
            requestsAtStart.set(model.requests().size());
            // A slow first socket write: the instant tokens must still come after it.
            sleep(Duration.ofMillis(200));
            super.onStarted(number);
          }
        };

    service.send(ANA, session.id(), "Un café, por favor", recorder);
    recorder.await();

    assertThat(requestsAtStart.get()).isEqualTo(1);
    assertThat(recorder.events).containsExactly("started:1", "delta", "delta", "completed");
  }

  @Test
  void aListenerFailingAtTheStartEndsTheTurnOnce() throws Exception {
    var session = startBarista(CefrLevel.B1);
    model.tokenDelay(Duration.ZERO);
    model.enqueueReply("Claro", ".");
    var starts = new AtomicInteger();
    var recorder =
        new TurnRecorder() {
          @Override
          public void onStarted(int number) {
            starts.incrementAndGet();
            throw new IllegalStateException("client gone");
          }
        };

    service.send(ANA, session.id(), "Un café, por favor", recorder);
    var turn = recorder.await();

    assertThat(starts).hasValue(1);
    assertThat(turn.status()).isEqualTo(TurnStatus.INTERRUPTED);
    assertThat(recorder.events).containsExactly("completed");
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void interruptionStoresThePartialReply() throws Exception {
    var session = startBarista(CefrLevel.B1);
    model.tokenDelay(Duration.ofMillis(30));
    var tokens = new String[100];
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = "palabra" + i + " ";
    }
    model.enqueueReply(tokens);
    var recorder = new TurnRecorder();

    var handle = service.send(ANA, session.id(), "Cuéntame una historia", recorder);
    await().atMost(10, TimeUnit.SECONDS).until(() -> recorder.deltas.size() >= 2);
    handle.interrupt();
    var turn = recorder.await();

    assertThat(turn.status()).isEqualTo(TurnStatus.INTERRUPTED);
    assertThat(turn.replyText()).startsWith("palabra0 palabra1 ").doesNotContain("palabra99");
    assertThat(turn.replyText())
        .isEqualTo(String.join("", recorder.deltas.subList(0, countOf(turn))));
    assertThat(store.turns(session.id()).getLast()).isEqualTo(turn);
    // The session is free again.
    assertThat(say(session, "Vale", "Bien.").status()).isEqualTo(TurnStatus.COMPLETED);
  }

  private static int countOf(Turn turn) {
    return turn.replyText().split(" ").length;
  }

  @Test
  void modelFailureKeepsTheLearnersMessageAsAFailedTurn() throws Exception {
    var session = startBarista(CefrLevel.B1);
    model.enqueueFailure(LlmErrorCode.PROVIDER_UNAVAILABLE);
    var recorder = new TurnRecorder();

    service.send(ANA, session.id(), "¿Tienes croissants?", recorder);

    assertThat(recorder.failedCode.get(10, TimeUnit.SECONDS)).isEqualTo("llm_provider_unavailable");
    var failed = store.turns(session.id()).getLast();
    assertThat(failed).isEqualTo(recorder.failedTurn);
    assertThat(failed.status()).isEqualTo(TurnStatus.FAILED);
    assertThat(failed.userText()).isEqualTo("¿Tienes croissants?");
    assertThat(failed.replyText()).isEmpty();
    assertThat(meters.get("parley.turn.outcomes").tag("outcome", "failed").counter().count())
        .isEqualTo(1);

    // The failed exchange stays out of the next prompt, so the learner can simply ask again.
    var next = say(session, "¿Tienes croissants?", "Sí.");
    assertThat(next.number()).isEqualTo(failed.number() + 1);
    assertThat(model.requests().getLast().messages())
        .extracting(ChatMessage::text)
        .containsOnlyOnce("¿Tienes croissants?");
  }

  @Test
  void onlyOneTurnAtATimePerSession() throws Exception {
    var session = startBarista(CefrLevel.B1);
    model.tokenDelay(Duration.ofMillis(20));
    model.enqueueReply("uno ", "dos ", "tres ", "cuatro ", "cinco");
    var first = new TurnRecorder();
    service.send(ANA, session.id(), "Primero", first);

    assertThatThrownBy(() -> service.send(ANA, session.id(), "Segundo", new TurnRecorder()))
        .isInstanceOf(ApiException.class)
        .extracting(e -> ((ApiException) e).code())
        .isEqualTo("turn_in_progress");

    first.await();
    assertThat(store.turns(session.id()))
        .extracting(Turn::userText)
        .containsExactly(null, "Primero");
    assertThat(say(session, "Segundo", "Vale.").number()).isEqualTo(2);
  }

  @Test
  void badMessagesAndForeignSessionsAreRefusedWithoutStoringAnything() {
    var session = startBarista(CefrLevel.B1);
    var finished = startBarista(CefrLevel.B1);
    service.finish(ANA, finished.id());

    assertCode(() -> service.send(ANA, session.id(), "  ", new TurnRecorder()), "message_blank");
    assertCode(
        () -> service.send(ANA, session.id(), "a".repeat(4001), new TurnRecorder()),
        "message_too_long");
    assertCode(
        () -> service.send(new Learner("bob"), session.id(), "Hola", new TurnRecorder()),
        "session_not_found");
    assertCode(() -> service.send(ANA, "missing", "Hola", new TurnRecorder()), "session_not_found");
    assertCode(
        () -> service.send(ANA, finished.id(), "Hola", new TurnRecorder()), "session_finished");
    assertThat(store.turns(session.id())).hasSize(1);
    assertThat(model.requests()).isEmpty();
  }

  @Test
  void idleSessionsAreFinishedOnAccessAndBySweep() {
    var touched = startBarista(CefrLevel.B1);
    var untouched = startBarista(CefrLevel.B1);
    clock.advance(Duration.ofMinutes(31));

    assertThat(service.session(ANA, touched.id()).status()).isEqualTo(SessionStatus.FINISHED);
    assertCode(
        () -> service.send(ANA, touched.id(), "Hola", new TurnRecorder()), "session_finished");
    assertThat(service.finishIdleSessions()).isEqualTo(1);
    var swept = store.find(untouched.id()).orElseThrow();
    assertThat(swept.status()).isEqualTo(SessionStatus.FINISHED);
    assertThat(swept.finishedAt()).isEqualTo(clock.instant());
  }

  @Test
  void aTurnReadAheadWhileTheLearnerSpokeBuildsTheSamePrompt() throws Exception {
    var session = startBarista(CefrLevel.B1);
    say(session, "Hola", "¡Hola!");

    service.readAhead(session.id());
    letTheReadAheadFinish();
    var turn = say(session, "Un café", "¿Con leche?");

    assertThat(turn.number()).isEqualTo(2);
    assertThat(requestFor("Un café").messages())
        .extracting(ChatMessage::text)
        .endsWith("¡Hola! ¿Qué te pongo?", "Hola", "¡Hola!", "Un café");
    assertThat(store.turns(session.id())).extracting(Turn::number).containsExactly(0, 1, 2);
  }

  @Test
  void writesAfterAReadAheadAreNotMissed() throws Exception {
    var session = startBarista(CefrLevel.B1);
    var first = say(session, "Hola", "¡Hola! ¿Qué tal el día?");

    service.readAhead(session.id());
    letTheReadAheadFinish();
    service.replyHeard(first, "¡Hola!");
    var second = say(session, "Bien", "Me alegro.");

    assertThat(second.number()).isEqualTo(2);
    assertThat(requestFor("Bien").messages())
        .extracting(ChatMessage::text)
        .endsWith("Hola", "¡Hola!", "Bien");

    service.readAhead(session.id());
    letTheReadAheadFinish();
    service.finish(ANA, session.id());
    assertCode(
        () -> service.send(ANA, session.id(), "Adiós", new TurnRecorder()), "session_finished");
    assertThat(store.turns(session.id())).hasSize(3);
  }

  private ChatRequest requestFor(String userText) {
    return model.requests().stream()
        .filter(r -> r.messages().getLast().equals(ChatMessage.user(userText)))
        .findFirst()
        .orElseThrow();
  }

  /** The assertions hold whether or not it finished; this only makes the cached path the likely one. */
  private <T> T only(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
  }

  private static void letTheReadAheadFinish() throws InterruptedException {
    Thread.sleep(300);
  }

  private static void assertCode(Runnable call, String code) {
    assertThatThrownBy(call::run)
        .isInstanceOf(ApiException.class)
        .extracting(e -> ((ApiException) e).code())
        .isEqualTo(code);
  }

  private static final class MutableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-01T10:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
