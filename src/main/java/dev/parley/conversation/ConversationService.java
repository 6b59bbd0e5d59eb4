package dev.parley.conversation;

import dev.parley.character.CharacterCatalog;
import dev.parley.character.CharacterDefinition;
import dev.parley.ids.TimeOrderedIds;
import dev.parley.learner.Learner;
import dev.parley.llm.ChatModel;
import dev.parley.llm.ChatRequest;
import dev.parley.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;

/**
 * Sessions and their streamed turns. A turn is stored in one transaction before its listener hears
 * that it ended, so every acknowledged turn survives a restart.
 */
public final class ConversationService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ConversationService.class);

  private final ConversationStore store;
  private final CharacterCatalog characters;
  private final ChatModel model;
  private final ConversationProperties properties;
  private final ConversationMetrics metrics;
  private final Clock clock;
  private final ApplicationEventPublisher events;
  private final ConcurrentHashMap<String, RunningTurn> inFlight = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Integer> summaryRequests = new ConcurrentHashMap<>();
  // Per session: what the next turn's prompt needs (a SessionWithHistory), or a marker while it is
  // being read. Storing a turn leaves what it knows is stored (the session and its unsummarized
  // turns with the new one), so a conversation on this node reads its turns once; every other
  // write to a session's rows removes the entry, so a read that a write overtook is never used. (A
  // turn stored by another node meanwhile makes the next one here fail its insert on the unique
  // session and number, which removes the entry too.)
  private final ConcurrentHashMap<String, Object> readAhead = new ConcurrentHashMap<>();
  // Per session: the latest words heard while a speculative prefill is due or running. One task
  // per session drains it, so prefills reach the model in the order the words were heard.
  private final ConcurrentHashMap<String, Speculation> speculated = new ConcurrentHashMap<>();
  private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

  ConversationService(
      ConversationStore store,
      CharacterCatalog characters,
      ChatModel model,
      ConversationProperties properties,
      ConversationMetrics metrics,
      Clock clock,
      ApplicationEventPublisher events) {
    this.store = store;
    this.characters = characters;
    this.model = model;
    this.properties = properties;
    this.metrics = metrics;
    this.clock = clock;
    this.events = events;
  }

  /** Starts a session and stores the character's opening line as turn 0. */
  public SessionWithTurns start(Learner learner, NewSession request) {
    var character = character(request.characterId(), learner);
    var now = clock.instant();
    var target = request.targetLanguage() == null ? character.language() : request.targetLanguage();
    if (target == null) {
      throw ApiException.badRequest(
          "target_language_required",
          "Character '" + character.id() + "' has no language: say which one to practise");
    }
    var session =
        new Session(
            TimeOrderedIds.next(),
            learner.id(),
            character.id(),
            request.mode(),
            request.level(),
            request.nativeLanguage(),
            target,
            SessionStatus.ACTIVE,
            null,
            -1,
            now,
            now,
            null);
    Optional<Turn> opening =
        character.openingLine() == null || character.openingLine().isBlank()
            ? Optional.empty()
            : Optional.of(
                new Turn(
                    TimeOrderedIds.next(),
                    session.id(),
                    0,
                    null,
                    character.openingLine(),
                    TurnStatus.COMPLETED,
                    now,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    now,
                    VoiceTimings.NONE));
    store.create(session, opening);
    var turns = opening.stream().toList();
    var history = turns.stream().map(Turn::history).toList();
    readAhead.put(session.id(), new SessionWithHistory(session, history));
    prefill(session, character, history);
    return new SessionWithTurns(session, turns);
  }

  /** The learner's session; an idle one is finished on the way. */
  public Session session(Learner learner, String sessionId) {
    return current(learner, sessionId, store.find(sessionId));
  }

  private Session current(Learner learner, String sessionId, Optional<Session> found) {
    var session =
        found
            .filter(s -> s.owner().equals(learner.id()))
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "session_not_found", "No session '" + sessionId + "' for this learner"));
    if (session.active() && idle(session) && !inFlight.containsKey(sessionId)) {
      boolean finishedNow = store.finish(sessionId, clock.instant());
      written(sessionId);
      var finished = store.find(sessionId).orElseThrow();
      if (finishedNow) {
        publish(new SessionFinished(finished, SessionFinished.Reason.IDLE));
      }
      return finished;
    }
    return session;
  }

  public List<Turn> turns(Learner learner, String sessionId) {
    session(learner, sessionId);
    return store.turns(sessionId);
  }

  public SessionPage sessions(Learner learner, int page, int size) {
    return store.list(learner.id(), page, size);
  }

  public Session finish(Learner learner, String sessionId) {
    return finish(learner, sessionId, SessionFinished.Reason.LEARNER);
  }

  /** Finishes the session, interrupting a reply in progress; a finished one stays as it is. */
  public Session finish(Learner learner, String sessionId, SessionFinished.Reason reason) {
    var session = session(learner, sessionId);
    if (session.active()) {
      var running = inFlight.get(sessionId);
      if (running != null) {
        running.interrupt();
      }
      if (store.finish(sessionId, clock.instant())) {
        written(sessionId);
        var finished = store.find(sessionId).orElseThrow();
        publish(new SessionFinished(finished, reason));
        return finished;
      }
    }
    return store.find(sessionId).orElseThrow();
  }

  /**
   * Checks the message, then streams the reply to {@code listener} and returns at once. Throws
   * {@link ApiException} (nothing is stored) when the session is unknown, not the learner's,
   * finished or busy, or the message is blank or too long.
   */
  public TurnHandle send(Learner learner, String sessionId, String text, TurnListener listener) {
    return send(learner, sessionId, text, false, listener);
  }

  TurnHandle send(
      Learner learner, String sessionId, String text, boolean spoken, TurnListener listener) {
    var received = System.nanoTime();
    if (text == null || text.isBlank()) {
      throw ApiException.badRequest("message_blank", "The message has no text");
    }
    if (text.length() > properties.maxMessageChars()) {
      throw new ApiException(
          HttpStatus.CONTENT_TOO_LARGE,
          "message_too_long",
          "Messages are limited to " + properties.maxMessageChars() + " characters");
    }
    var read =
        readAhead.remove(sessionId) instanceof SessionWithHistory early
            ? early
            : store.findWithUnsummarized(sessionId).orElse(null);
    var session =
        current(learner, sessionId, Optional.ofNullable(read).map(SessionWithHistory::session));
    if (!session.active()) {
      throw ApiException.conflict("session_finished", "Session '" + sessionId + "' is finished");
    }
    var character = character(session.characterId(), learner);
    // Every turn not yet summarized (read with the session, which is still the one read: a session
    // finished on the way is no longer active). The last of them (else the last summarized one)
    // numbers the new turn, and their count tells whether a summary is due.
    var unsummarized = read.unsummarized();
    int lastNumber =
        unsummarized.isEmpty() ? session.summarizedThrough() : unsummarized.getLast().number();
    var turn =
        new RunningTurn(this, model, session, learner, text, lastNumber + 1, unsummarized, listener);
    if (inFlight.putIfAbsent(sessionId, turn) != null) {
      throw ApiException.conflict(
          "turn_in_progress", "The character is still answering the previous message");
    }
    try {
      turn.start(replyRequest(session, character, unsummarized, text), clock.instant(), received);
    } catch (RuntimeException e) {
      inFlight.remove(sessionId, turn);
      throw e;
    }
    publish(new LearnerSpoke(session, lastNumber + 1, text, spoken));
    return turn;
  }

  /**
   * The prompt of the reply to {@code text}: the unsummarized turns are read with the session, so
   * the prompt only grows at its end between summaries; the cap matters only while summaries fail.
   */
  private ChatRequest replyRequest(
      Session session, CharacterDefinition character, List<HistoryTurn> unsummarized, String text) {
    var window = lastN(unsummarized, properties.historyWindow() + properties.summaryBatch());
    return new ChatRequest(
            PromptBuilder.reply(session, character, window, text),
            properties.maxReplyTokens(),
            ChatRequest.DEFAULT_TEMPERATURE,
            null,
            null)
        .withCacheKey(session.id());
  }

  /**
   * The learner is still speaking and the recogniser has heard {@code words} so far. With a model
   * that caches prompts in process, reads the reply's prompt with these words in the background:
   * the final transcript, mostly the same words, then costs the model only its last few tokens.
   * Uses only what {@link #readAhead} has read (starting a read if a write overtook the last one,
   * as storing an interrupted reply does) and does nothing while a reply is running.
   */
  void speculate(Learner learner, String sessionId, String words) {
    if (!model.cachesPrompts() || words.isBlank() || inFlight.containsKey(sessionId)) {
      return;
    }
    var early = readAhead.get(sessionId);
    if (early == null) {
      readAhead(sessionId);
      return;
    }
    if (!(early instanceof SessionWithHistory read) || !speculable(read, learner)) {
      return;
    }
    if (speculated.put(sessionId, new Speculation(learner, words)) == null) {
      try {
        background.execute(() -> prefillLatestWords(sessionId));
      } catch (RejectedExecutionException e) {
        speculated.remove(sessionId);
        log.debug("Speculative prefill of session {} skipped: shutting down", sessionId);
      }
    }
  }

  private record Speculation(Learner learner, String words) {}

  private static boolean speculable(SessionWithHistory read, Learner learner) {
    return read.session().active() && read.session().owner().equals(learner.id());
  }

  /**
   * Prefills the latest words heard until no newer ones arrived meanwhile; words overtaken while
   * waiting are never read, and none are read once the reply has started.
   */
  private void prefillLatestWords(String sessionId) {
    Speculation latest;
    do {
      latest = speculated.get(sessionId);
      if (!inFlight.containsKey(sessionId)
          && readAhead.get(sessionId) instanceof SessionWithHistory read
          && speculable(read, latest.learner())) {
        try {
          var character = character(read.session().characterId(), latest.learner());
          model.prefill(
              replyRequest(read.session(), character, read.unsummarized(), latest.words()));
        } catch (RuntimeException e) {
          log.debug("Speculative prefill of session {} failed: {}", sessionId, e.toString());
        }
      }
    } while (!speculated.remove(sessionId, latest));
  }

  /**
   * The learner started speaking: unless the last turn left it (or it is being read), reads in the
   * background what the next turn's prompt needs, so that their final transcript goes to the model
   * without waiting for the database. Only an optimisation: {@link #send} reads whatever is missing
   * or was overtaken by a write.
   */
  void readAhead(String sessionId) {
    var reading = new Object();
    if (readAhead.putIfAbsent(sessionId, reading) != null) {
      return;
    }
    try {
      background.execute(
          () -> {
            try {
              store
                  .findWithUnsummarized(sessionId)
                  .ifPresentOrElse(
                      read -> readAhead.replace(sessionId, reading, read),
                      () -> readAhead.remove(sessionId, reading));
            } catch (RuntimeException e) {
              readAhead.remove(sessionId, reading);
              log.debug("Read-ahead of session {} failed: {}", sessionId, e.toString());
            }
          });
    } catch (RejectedExecutionException e) {
      readAhead.remove(sessionId, reading);
    }
  }

  /** After every write to a session's rows: what was read ahead may be out of date. */
  private void written(String sessionId) {
    readAhead.remove(sessionId);
  }

  /**
   * Replaces a stored reply by the part the learner heard before interrupting its audio; later
   * prompts see only that part. Returns the turn as now stored.
   */
  Turn replyHeard(Turn turn, String heard) {
    try {
      store.reviseReply(turn.id(), heard, TurnStatus.INTERRUPTED);
    } finally {
      written(turn.sessionId());
    }
    return turn.withReply(heard, TurnStatus.INTERRUPTED);
  }

  /** Stores the stage latencies of a spoken turn once they are all known. */
  void recordVoice(Turn turn, VoiceTimings timings) {
    store.recordVoice(turn.id(), timings);
  }

  /** The character a session talks to. */
  CharacterDefinition character(Session session, Learner learner) {
    return character(session.characterId(), learner);
  }

  private void prefill(Session session, CharacterDefinition character, List<HistoryTurn> turns) {
    var request =
        new ChatRequest(
            PromptBuilder.context(session, character, turns),
            1,
            ChatRequest.DEFAULT_TEMPERATURE,
            null,
            session.id());
    try {
      background.execute(
          () -> {
            try {
              model.prefill(request);
            } catch (RuntimeException e) {
              // Only an optimisation: the first turn then reads the whole prompt itself.
              log.debug("Prefill of session {} failed: {}", session.id(), e.toString());
            }
          });
    } catch (RejectedExecutionException e) {
      log.debug("Prefill of session {} skipped: shutting down", session.id());
    }
  }

  /** Finishes active sessions that have been idle longer than the idle timeout. */
  public int finishIdleSessions() {
    int finished = 0;
    var now = clock.instant();
    for (var id : store.idleSince(now.minus(properties.idleTimeout()))) {
      if (!inFlight.containsKey(id) && store.finish(id, now)) {
        written(id);
        finished++;
        store.find(id).ifPresent(s -> publish(new SessionFinished(s, SessionFinished.Reason.IDLE)));
      }
    }
    return finished;
  }

  /**
   * Replaces what is stored of a turn's texts, e.g. by moderation; later prompts see only the new
   * text. A null text stays as it is. Each redacted span should read {@link TurnRedacted#MARKER},
   * so that the features keeping copies ({@link TurnRedacted}) can tell what was taken out.
   */
  public void redact(Turn turn, String userText, String replyText) {
    try {
      store.redact(turn.id(), userText, replyText);
    } finally {
      written(turn.sessionId());
    }
    var redacted = turn.withTexts(userText, replyText);
    if (!redacted.equals(turn)) {
      store
          .find(turn.sessionId())
          .ifPresent(session -> publish(new TurnRedacted(session, turn, redacted)));
    }
  }

  /** Listeners run on a background thread, beside the turn that caused the event. */
  private void publish(Object event) {
    try {
      background.execute(
          () -> {
            try {
              events.publishEvent(event);
            } catch (RuntimeException e) {
              log.warn(
                  "A listener of {} failed: {}", event.getClass().getSimpleName(), e.toString());
            }
          });
    } catch (RejectedExecutionException e) {
      log.debug("{} not published: shutting down", event.getClass().getSimpleName());
    }
  }

  @Override
  public void close() {
    inFlight.values().forEach(RunningTurn::interrupt);
    background.close();
  }

  /**
   * Called by a running turn once it has ended: stores it, leaves what the next turn's prompt
   * needs, frees the session, then measures. {@code history} is the unsummarized turns the turn's
   * prompt was made from, read with {@code session}.
   */
  Turn store(
      RunningTurn running,
      Session session,
      List<HistoryTurn> history,
      Turn turn,
      long receivedNanos) {
    boolean stored = false;
    try {
      store.append(turn);
      stored = true;
    } finally {
      // Before the session is freed: no other turn of it can be stored meanwhile.
      if (stored) {
        readAhead.put(turn.sessionId(), afterAppend(session, history, turn));
      } else {
        written(turn.sessionId());
      }
      inFlight.remove(turn.sessionId(), running);
    }
    publish(new TurnRecorded(session, turn));
    metrics.record(turn, Duration.ofNanos(System.nanoTime() - receivedNanos));
    log.atInfo()
        .addKeyValue("sessionId", turn.sessionId())
        .addKeyValue("turn", turn.number())
        .addKeyValue("status", turn.status().wireName())
        .addKeyValue("ttftMs", turn.firstTokenMs())
        .addKeyValue("totalMs", turn.totalMs())
        .addKeyValue("tokensPerSecond", turn.tokensPerSecond())
        .addKeyValue("provider", turn.provider())
        .addKeyValue("model", turn.model())
        .log(
            "Turn {} of session {} {}: ttft {} ms, {} tokens/s",
            turn.number(),
            turn.sessionId(),
            turn.status().wireName(),
            turn.firstTokenMs(),
            turn.tokensPerSecond());
    return turn;
  }

  /**
   * Called after a turn was acknowledged: once a batch of turns has piled up past the history
   * window, folds them into the summary. {@code unsummarizedTurns} is how many turns the summary
   * did not cover when the turn was stored, counted from what its prompt read: a summary running
   * meanwhile only lowers it, so below the threshold there is nothing to check.
   */
  void summarizeIfNeeded(String sessionId, Learner learner, int unsummarizedTurns) {
    if (unsummarizedTurns < properties.historyWindow() + properties.summaryBatch()) {
      return;
    }
    // Requests that arrive while a summary runs are counted, not dropped: the running worker
    // checks again before it leaves, so no turn waits for a later turn to be folded.
    if (summaryRequests.merge(sessionId, 1, Integer::sum) > 1) {
      return;
    }
    try {
      background.execute(
          () -> {
            do {
              try {
                summarize(sessionId, learner);
              } catch (RuntimeException e) {
                log.warn(
                    "Summary of session {} failed; the next turn retries: {}",
                    sessionId,
                    e.toString());
              }
            } while (summaryRequests.compute(sessionId, (id, count) -> count == 1 ? null : 1)
                != null);
          });
    } catch (RejectedExecutionException e) {
      summaryRequests.remove(sessionId);
    }
  }

  private void summarize(String sessionId, Learner learner) {
    var read = store.findWithUnsummarized(sessionId).orElseThrow();
    var session = read.session();
    var unsummarized = read.unsummarized();
    if (unsummarized.size() < properties.historyWindow() + properties.summaryBatch()) {
      return;
    }
    int overflow = unsummarized.size() - properties.historyWindow();
    var folded = unsummarized.subList(0, overflow);
    var character = character(session.characterId(), learner);
    var result =
        model.complete(
            new ChatRequest(
                PromptBuilder.summary(session, character, folded),
                properties.maxSummaryTokens(),
                0.2,
                null,
                null));
    try {
      store.updateSummary(sessionId, result.text().strip(), folded.getLast().number());
    } finally {
      written(sessionId);
    }
  }

  /** What {@link JdbcConversationStore#findWithUnsummarized} reads once {@code turn} is stored. */
  private static SessionWithHistory afterAppend(
      Session session, List<HistoryTurn> history, Turn turn) {
    var turns = new ArrayList<>(history);
    turns.add(turn.history());
    // append() stamps the session with the turn's creation.
    return new SessionWithHistory(session.withUpdatedAt(turn.createdAt()), List.copyOf(turns));
  }

  private boolean idle(Session session) {
    return session.updatedAt().plus(properties.idleTimeout()).isBefore(clock.instant());
  }

  private CharacterDefinition character(String id, Learner learner) {
    return characters
        .find(id, learner)
        .orElseThrow(
            () -> ApiException.notFound("character_not_found", "No character '" + id + "'"));
  }

  Instant now() {
    return clock.instant();
  }

  private static <T> List<T> lastN(List<T> items, int n) {
    return items.size() <= n ? items : items.subList(items.size() - n, items.size());
  }

  /** A session with (some of) its turns, oldest first. */
  public record SessionWithTurns(Session session, List<Turn> turns) {}

  /** A session with what its prompts take of the turns not yet summarized, oldest first. */
  record SessionWithHistory(Session session, List<HistoryTurn> unsummarized) {}
}
