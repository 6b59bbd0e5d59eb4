package dev.parley.moderation;

import dev.parley.conversation.ConversationService;
import dev.parley.conversation.LiveSessions;
import dev.parley.conversation.SessionFinished;
import dev.parley.conversation.TurnRecorded;
import dev.parley.learner.Learner;
import dev.parley.moderation.Verdict.Flag;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/**
 * Checks every stored turn, the learner's text and the character's reply, after the fact and on its
 * own threads: the reply never waits for moderation. Misconduct gets the policy's action for its
 * category; personal data is always redacted and never warned about or punished.
 */
final class TurnModeration implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TurnModeration.class);

  private final Moderator moderator;
  private final ModerationProperties properties;
  private final ConversationService conversations;
  private final LiveSessions live;
  private final MeterRegistry meters;
  private final ExecutorService executor;

  TurnModeration(
      Moderator moderator,
      ModerationProperties properties,
      ConversationService conversations,
      LiveSessions live,
      MeterRegistry meters,
      ExecutorService executor) {
    this.moderator = moderator;
    this.properties = properties;
    this.conversations = conversations;
    this.live = live;
    this.meters = meters;
    this.executor = executor;
  }

  @EventListener
  void on(TurnRecorded event) {
    try {
      executor.execute(() -> moderate(event));
    } catch (RejectedExecutionException e) {
      log.warn(
          "Turn {} of session {} not moderated: the queue is full",
          event.turn().number(),
          event.session().id());
    }
  }

  private void moderate(TurnRecorded event) {
    var session = event.session();
    var turn = event.turn();
    try {
      var learner = judge(event, Target.LEARNER, turn.userText());
      var character = judge(event, Target.CHARACTER, turn.replyText());
      if (learner.redacted() != null || character.redacted() != null) {
        conversations.redact(turn, learner.redacted(), character.redacted());
      }
      learner.events().forEach(e -> live.push(session.id(), "moderation", e));
      character.events().forEach(e -> live.push(session.id(), "moderation", e));
      var ending = new LinkedHashSet<String>();
      ending.addAll(learner.ending());
      ending.addAll(character.ending());
      if (!ending.isEmpty()) {
        conversations.finish(
            new Learner(session.owner()), session.id(), SessionFinished.Reason.ENDED);
        live.push(
            session.id(),
            "session.ended",
            Map.of("reason", "moderation", "categories", List.copyOf(ending)));
      }
    } catch (RuntimeException e) {
      log.warn(
          "Moderation of turn {} of session {} failed: {}",
          turn.number(),
          session.id(),
          e.toString());
    }
  }

  /** What to do about one text. {@code redacted} is null when it stays as it is. */
  private record Outcome(String redacted, List<Map<String, Object>> events, List<String> ending) {}

  private Outcome judge(TurnRecorded event, Target target, String text) {
    if (text == null || text.isBlank()) {
      return new Outcome(null, List.of(), List.of());
    }
    var verdict = moderator.check(text, event.session().targetLanguage());
    var misconduct = verdict.flags().stream().filter(f -> f.category().misconduct()).toList();
    var personal = verdict.flags().stream().filter(f -> !f.category().misconduct()).toList();
    var events = new ArrayList<Map<String, Object>>();
    var toRedact = new ArrayList<>(personal);
    List<String> ending = List.of();
    if (!misconduct.isEmpty()) {
      var action =
          misconduct.stream()
              .map(f -> properties.actionFor(f.category()))
              .max(Comparator.naturalOrder())
              .orElseThrow();
      if (action != Action.WARN) {
        toRedact.addAll(misconduct);
      }
      if (action == Action.END) {
        ending = names(misconduct);
      }
      events.add(report(event, target, misconduct, action));
    }
    if (!personal.isEmpty()) {
      events.add(report(event, target, personal, Action.REDACT));
    }
    return new Outcome(toRedact.isEmpty() ? null : Redaction.apply(text, toRedact), events, ending);
  }

  private Map<String, Object> report(
      TurnRecorded event, Target target, List<Flag> flags, Action action) {
    var categories = names(flags);
    for (var category : categories) {
      meters
          .counter("parley.moderation.flags", "category", category, "action", action.wireName())
          .increment();
    }
    log.atInfo()
        .addKeyValue("sessionId", event.session().id())
        .addKeyValue("turn", event.turn().number())
        .addKeyValue("target", target.wireName())
        .addKeyValue("categories", String.join(",", categories))
        .addKeyValue("action", action.wireName())
        .addKeyValue("reasons", String.join("; ", flags.stream().map(Flag::reason).toList()))
        .log(
            "Moderation flagged the {} text of turn {} of session {}: {} -> {}",
            target.wireName(),
            event.turn().number(),
            event.session().id(),
            categories,
            action.wireName());
    return Map.of(
        "number", event.turn().number(),
        "target", target.wireName(),
        "categories", categories,
        "action", action.wireName());
  }

  private static List<String> names(List<Flag> flags) {
    return flags.stream().map(f -> f.category().wireName()).distinct().toList();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  private enum Target {
    LEARNER,
    CHARACTER;

    String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
