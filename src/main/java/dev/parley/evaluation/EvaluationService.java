package dev.parley.evaluation;

import dev.parley.character.CharacterCatalog;
import dev.parley.conversation.ConversationService;
import dev.parley.conversation.LiveSessions;
import dev.parley.conversation.Session;
import dev.parley.conversation.SessionFinished;
import dev.parley.learner.Learner;
import dev.parley.llm.ChatModel;
import dev.parley.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Evaluates every finished session in the background, stores the result with the session, tells a
 * connected client, and lets the learner's level follow their scores.
 */
@Service
class EvaluationService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EvaluationService.class);

  private final JdbcEvaluationStore store;
  private final ConversationService conversations;
  private final CharacterCatalog characters;
  private final Evaluator evaluator;
  private final LiveSessions live;
  private final LevelAdaptation adaptation;
  private final Clock clock = Clock.systemUTC();
  private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
  // Sessions whose evaluation runs in this process. A pending row that is not here was left by a
  // restart, and may be run again.
  private final Set<String> running = ConcurrentHashMap.newKeySet();

  EvaluationService(
      JdbcEvaluationStore store,
      ConversationService conversations,
      @Lazy CharacterCatalog characters,
      @Lazy ChatModel model,
      LiveSessions live,
      LevelAdaptation adaptation,
      EvaluationProperties properties) {
    this.store = store;
    this.conversations = conversations;
    this.characters = characters;
    this.evaluator = new Evaluator(model, properties);
    this.live = live;
    this.adaptation = adaptation;
  }

  @EventListener
  void onSessionFinished(SessionFinished finished) {
    var session = finished.session();
    if (!running.add(session.id())) {
      return;
    }
    if (store.createPending(Evaluation.pending(session, clock.instant()))) {
      submit(session);
    } else {
      running.remove(session.id());
    }
  }

  /**
   * Runs again an evaluation that a stopped server left pending since before {@code leftBefore},
   * unless this process is running it or another node claimed it first.
   */
  boolean resume(String owner, String sessionId, Instant leftBefore) {
    if (!running.add(sessionId)) {
      return false;
    }
    if (!store.claimPending(sessionId, leftBefore, clock.instant())) {
      running.remove(sessionId);
      return false;
    }
    log.info("Evaluating session {} again: its server stopped while evaluating it", sessionId);
    submit(conversations.session(new Learner(owner), sessionId));
    return true;
  }

  /** The evaluation of the learner's finished session. */
  Evaluation evaluation(Learner learner, String sessionId) {
    finishedSession(learner, sessionId);
    return store
        .find(sessionId)
        .orElseThrow(
            () ->
                ApiException.notFound(
                    "evaluation_not_found", "Session '" + sessionId + "' has no evaluation"));
  }

  /** Evaluates again a session whose evaluation failed, was skipped or never ran. */
  Evaluation rerun(Learner learner, String sessionId) {
    var session = finishedSession(learner, sessionId);
    var existing = store.find(sessionId);
    if (existing.filter(e -> e.status() == EvaluationStatus.COMPLETED).isPresent()) {
      throw ApiException.conflict(
          "evaluation_completed", "Session '" + sessionId + "' is already evaluated");
    }
    if (!running.add(sessionId)) {
      throw ApiException.conflict(
          "evaluation_in_progress", "Session '" + sessionId + "' is being evaluated");
    }
    boolean started =
        existing.isPresent()
            ? store.restart(sessionId, clock.instant())
            : store.createPending(Evaluation.pending(session, clock.instant()));
    if (!started) {
      running.remove(sessionId);
      throw ApiException.conflict(
          "evaluation_completed", "Session '" + sessionId + "' is already evaluated");
    }
    // Read before it runs: the caller is told it is pending, whatever happens next.
    var pending = store.find(sessionId).orElseThrow();
    submit(session);
    return pending;
  }

  /** The learner's evaluations, newest session first, with the titles of their characters. */
  EvaluationViews.HistoryPage history(Learner learner, int page, int size) {
    var titles = new HashMap<String, Optional<String>>();
    var items =
        store.history(learner.id(), page, size).stream()
            .map(
                e ->
                    EvaluationViews.historyItem(
                        e,
                        titles
                            .computeIfAbsent(
                                e.characterId(),
                                id -> characters.find(id, learner).map(c -> c.title()))
                            .orElse(null)))
            .toList();
    return new EvaluationViews.HistoryPage(items, page, size, store.count(learner.id()));
  }

  private Session finishedSession(Learner learner, String sessionId) {
    var session = conversations.session(learner, sessionId);
    if (session.active()) {
      throw ApiException.conflict(
          "session_active",
          "Session '" + sessionId + "' is still active: finish it to have it evaluated");
    }
    return session;
  }

  private void submit(Session session) {
    try {
      background.execute(() -> run(session));
    } catch (RejectedExecutionException e) {
      running.remove(session.id());
      log.debug("Evaluation of session {} not started: shutting down", session.id());
    }
  }

  private void run(Session session) {
    var learner = new Learner(session.owner());
    try {
      store(session, evaluate(session, learner));
    } catch (RuntimeException e) {
      log.warn("Evaluation of session {} failed: {}", session.id(), e.toString());
      store.end(
          session.id(),
          EvaluationStatus.FAILED,
          "evaluation_error",
          "The evaluation could not be run: " + e.getMessage(),
          null,
          null,
          clock.instant());
    } finally {
      running.remove(session.id());
    }
    try {
      announce(session, learner);
    } catch (RuntimeException e) {
      log.warn("Evaluation of session {} not announced: {}", session.id(), e.toString());
    }
  }

  private void store(Session session, Evaluator.Outcome outcome) {
    var now = clock.instant();
    switch (outcome) {
      case Evaluator.Outcome.Completed done -> {
        var model = done.model();
        store.complete(session.id(), done.assessment(), model.provider(), model.model(), now);
        log.atInfo()
            .addKeyValue("sessionId", session.id())
            .addKeyValue("score", done.assessment().score())
            .log("Session {} evaluated: {}", session.id(), done.assessment().score());
      }
      case Evaluator.Outcome.Ended ended -> {
        var model = ended.model();
        store.end(
            session.id(),
            ended.status(),
            ended.code(),
            ended.message(),
            model == null ? null : model.provider(),
            model == null ? null : model.model(),
            now);
        log.atInfo()
            .addKeyValue("sessionId", session.id())
            .addKeyValue("code", ended.code())
            .log("Session {} not evaluated: {} {}", session.id(), ended.code(), ended.message());
      }
    }
  }

  private Evaluator.Outcome evaluate(Session session, Learner learner) {
    var character = characters.find(session.characterId(), learner);
    if (character.isEmpty()) {
      return new Evaluator.Outcome.Ended(
          EvaluationStatus.FAILED,
          "character_not_found",
          "The session's character '" + session.characterId() + "' no longer exists",
          null);
    }
    return evaluator.evaluate(
        session, character.get(), conversations.turns(learner, session.id()));
  }

  /** Tells a connected client how the evaluation ended, then adapts the learner's level. */
  private void announce(Session session, Learner learner) {
    var evaluation = store.find(session.id()).orElseThrow();
    var completed = evaluation.status() == EvaluationStatus.COMPLETED;
    live.push(
        session.id(),
        completed ? "evaluation.completed" : "evaluation.failed",
        Map.of("evaluation", EvaluationViews.evaluation(evaluation)));
    if (completed) {
      adaptation
          .afterCompleted(learner)
          .ifPresent(
              change ->
                  live.push(
                      session.id(),
                      "level.changed",
                      Map.of("from", change.from(), "to", change.to(), "reason", change.reason())));
    }
  }

  @Override
  public void close() {
    // A model call may take minutes; its row stays pending and can be run again after a restart.
    background.shutdownNow();
  }
}
