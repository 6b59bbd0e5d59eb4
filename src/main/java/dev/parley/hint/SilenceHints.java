package dev.parley.hint;

import dev.parley.conversation.LearnerSpoke;
import dev.parley.conversation.LiveSessions;
import dev.parley.conversation.SessionFinished;
import dev.parley.conversation.TurnRecorded;
import dev.parley.conversation.TurnStatus;
import dev.parley.learner.Learner;
import dev.parley.web.ApiException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/**
 * A hint, unasked, for a learner who stays silent after the character's turn: once per silence,
 * only while a client is connected to hear it. Anything the learner says cancels the wait.
 */
final class SilenceHints implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SilenceHints.class);

  private final HintGenerator hints;
  private final LiveSessions live;
  private final Duration silenceAfter;
  private final ScheduledExecutorService timer;
  private final HintWorkers workers;

  /** Per session: the wait after the character's latest turn. */
  private final Map<String, Wait> waits = new ConcurrentHashMap<>();

  /** Per session: the number of the turn the learner last started, against reordered events. */
  private final Map<String, Integer> lastSpoken = new ConcurrentHashMap<>();

  private record Wait(int turnNumber, ScheduledFuture<?> future) {}

  SilenceHints(
      HintGenerator hints,
      LiveSessions live,
      Duration silenceAfter,
      ScheduledExecutorService timer,
      HintWorkers workers) {
    this.hints = hints;
    this.live = live;
    this.silenceAfter = silenceAfter;
    this.timer = timer;
    this.workers = workers;
  }

  @EventListener
  void on(TurnRecorded event) {
    var sessionId = event.session().id();
    int number = event.turn().number();
    if (silenceAfter.isZero()
        || event.turn().status() == TurnStatus.FAILED
        || lastSpoken.getOrDefault(sessionId, -1) > number) {
      return;
    }
    var learner = new Learner(event.session().owner());
    var future =
        timer.schedule(
            () -> silent(learner, sessionId, number),
            silenceAfter.toMillis(),
            TimeUnit.MILLISECONDS);
    var previous = waits.put(sessionId, new Wait(number, future));
    if (previous != null) {
      previous.future().cancel(false);
    }
  }

  @EventListener
  void on(LearnerSpoke event) {
    var sessionId = event.session().id();
    lastSpoken.merge(sessionId, event.turnNumber(), Math::max);
    var wait = waits.get(sessionId);
    if (wait != null && wait.turnNumber() < event.turnNumber() && waits.remove(sessionId, wait)) {
      wait.future().cancel(false);
    }
  }

  @EventListener
  void on(SessionFinished event) {
    lastSpoken.remove(event.session().id());
    var wait = waits.remove(event.session().id());
    if (wait != null) {
      wait.future().cancel(false);
    }
  }

  private void silent(Learner learner, String sessionId, int turnNumber) {
    var wait = waits.get(sessionId);
    if (wait == null || wait.turnNumber() != turnNumber || !waits.remove(sessionId, wait)) {
      return;
    }
    if (!live.connected(sessionId) || lastSpoken.getOrDefault(sessionId, -1) > turnNumber) {
      return;
    }
    try {
      workers.run(() -> send(learner, sessionId));
    } catch (RejectedExecutionException e) {
      log.debug("Silence hint for session {} skipped: too many hints", sessionId);
    }
  }

  private void send(Learner learner, String sessionId) {
    try {
      var hint = hints.hint(learner, sessionId, Hint.Trigger.SILENCE);
      live.push(sessionId, "hint", hint.view());
    } catch (ApiException e) {
      // Nobody asked: a failed silence hint is not worth an error on the learner's screen.
      log.info("No silence hint for session {}: {} {}", sessionId, e.code(), e.getMessage());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
