package dev.parley.learner;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each learner's stored CEFR level (table {@code learner_profiles}; no row: no level yet), which
 * new sessions start at. Levels are the CEFR codes as text ("A1" … "C2"): the level type lives in
 * {@code character}, which depends on this module, so this one cannot name it.
 */
@Component
public class LearnerLevels {

  /** The level of a learner who never chose one. */
  public static final String DEFAULT_LEVEL = "B1";

  private static final Pattern CEFR = Pattern.compile("[ABC][12]");

  private final JdbcClient jdbc;
  private final Clock clock = Clock.systemUTC();

  LearnerLevels(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A stored level and when it was last set. */
  public record StoredLevel(String level, Instant updatedAt) {}

  /** Whether {@code level} is a CEFR code, A1 to C2 (upper case). */
  public static boolean isLevel(String level) {
    return level != null && CEFR.matcher(level).matches();
  }

  public Optional<StoredLevel> find(Learner learner) {
    return jdbc.sql("select level, updated_at from learner_profiles where learner_id = ?")
        .param(learner.id())
        .query(
            (rs, row) ->
                new StoredLevel(
                    rs.getString("level"),
                    rs.getObject("updated_at", OffsetDateTime.class).toInstant()))
        .optional();
  }

  /** The stored level, or {@link #DEFAULT_LEVEL}. */
  public String levelOrDefault(Learner learner) {
    return find(learner).map(StoredLevel::level).orElse(DEFAULT_LEVEL);
  }

  /** Stores {@code level}, whatever was there. */
  public void set(Learner learner, String level) {
    requireLevel(level);
    var now = clock.instant().atOffset(ZoneOffset.UTC);
    if (update(learner, level, now) == 0 && !insert(learner, level, now)) {
      update(learner, level, now);
    }
  }

  /** Stores {@code level} if the learner has none yet; returns whether it did. */
  public boolean setIfAbsent(Learner learner, String level) {
    requireLevel(level);
    return insert(learner, level, clock.instant().atOffset(ZoneOffset.UTC));
  }

  /**
   * Moves the learner from {@code from} to {@code to} unless their level changed meanwhile (no row
   * counts as {@link #DEFAULT_LEVEL}); returns whether it did. Two evaluations that finish at once
   * cannot both move the learner a step.
   */
  public boolean change(Learner learner, String from, String to) {
    requireLevel(to);
    var now = clock.instant().atOffset(ZoneOffset.UTC);
    int updated =
        jdbc.sql(
                "update learner_profiles set level = ?, updated_at = ?"
                    + " where learner_id = ? and level = ?")
            .params(to, now, learner.id(), from)
            .update();
    if (updated == 1) {
      return true;
    }
    return from.equals(DEFAULT_LEVEL) && insert(learner, to, now);
  }

  private int update(Learner learner, String level, OffsetDateTime now) {
    return jdbc.sql("update learner_profiles set level = ?, updated_at = ? where learner_id = ?")
        .params(level, now, learner.id())
        .update();
  }

  private boolean insert(Learner learner, String level, OffsetDateTime now) {
    try {
      jdbc.sql("insert into learner_profiles (learner_id, level, updated_at) values (?, ?, ?)")
          .params(learner.id(), level, now)
          .update();
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  private static void requireLevel(String level) {
    if (!isLevel(level)) {
      throw new IllegalArgumentException("Not a CEFR level: " + level);
    }
  }
}
