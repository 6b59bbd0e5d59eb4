package dev.parley.evaluation;

import dev.parley.character.CefrLevel;
import dev.parley.learner.Learner;
import dev.parley.learner.LearnerLevels;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Moves a learner a level up or down when their latest evaluations at their level agree: the next
 * session's persona, speaking rate and end-of-turn silence then follow the new level. Only
 * evaluations completed since the level was last set count, so one streak moves one step.
 */
@Component
class LevelAdaptation {

  private static final Logger log = LoggerFactory.getLogger(LevelAdaptation.class);

  static final String HIGH_SCORES = "high_scores";
  static final String LOW_SCORES = "low_scores";

  /** Adaptation stays within A1 to C1: C2 is chosen, never reached by scores. */
  private static final CefrLevel HIGHEST = CefrLevel.C1;

  private final JdbcEvaluationStore store;
  private final LearnerLevels levels;
  private final EvaluationProperties properties;

  LevelAdaptation(
      JdbcEvaluationStore store, LearnerLevels levels, EvaluationProperties properties) {
    this.store = store;
    this.levels = levels;
    this.properties = properties;
  }

  /** A change of the learner's level and the scores that caused it, newest first. */
  record LevelChange(String from, String to, String reason, List<Integer> scores) {}

  /** After one of the learner's evaluations completed: changes their level if the scores say so. */
  Optional<LevelChange> afterCompleted(Learner learner) {
    var stored = levels.find(learner);
    var current = stored.map(LearnerLevels.StoredLevel::level).orElse(LearnerLevels.DEFAULT_LEVEL);
    var since = stored.map(LearnerLevels.StoredLevel::updatedAt).orElse(Instant.EPOCH);
    var scores = store.latestScores(learner.id(), current, since, properties.levelWindow());
    if (scores.size() < properties.levelWindow()) {
      return Optional.empty();
    }
    var level = CefrLevel.parse(current);
    CefrLevel next;
    String reason;
    if (scores.stream().allMatch(s -> s >= properties.levelUpScore())
        && level.compareTo(HIGHEST) < 0) {
      next = CefrLevel.values()[level.ordinal() + 1];
      reason = HIGH_SCORES;
    } else if (scores.stream().allMatch(s -> s <= properties.levelDownScore())
        && level.compareTo(CefrLevel.A1) > 0) {
      next = CefrLevel.values()[level.ordinal() - 1];
      reason = LOW_SCORES;
    } else {
      return Optional.empty();
    }
    if (!levels.change(learner, current, next.name())) {
      return Optional.empty();
    }
    log.atInfo()
        .addKeyValue("learner", learner.id())
        .addKeyValue("from", current)
        .addKeyValue("to", next.name())
        .addKeyValue("reason", reason)
        .log("Learner {} moved from {} to {}: last scores {}", learner.id(), current, next, scores);
    return Optional.of(new LevelChange(current, next.name(), reason, scores));
  }
}
