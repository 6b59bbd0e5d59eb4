package dev.parley.evaluation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Evaluations in the V5 table {@code evaluations}, on PostgreSQL or H2. */
@Repository
class JdbcEvaluationStore {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final JdbcClient jdbc;

  JdbcEvaluationStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores a pending evaluation unless the session has one; returns whether it did. */
  boolean createPending(Evaluation pending) {
    try {
      jdbc.sql(
              """
              insert into evaluations (session_id, owner, character_id, level,
                session_finished_at, status, created_at)
              values (?, ?, ?, ?, ?, 'pending', ?)
              """)
          .params(
              pending.sessionId(),
              pending.owner(),
              pending.characterId(),
              pending.level(),
              timestamp(pending.sessionFinishedAt()),
              timestamp(pending.createdAt()))
          .update();
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  /** Starts an evaluation that is not completed over; returns whether it did. */
  boolean restart(String sessionId, Instant at) {
    return jdbc.sql(
                """
                update evaluations set status = 'pending', score = null, justification = null,
                  strengths = null, improvements = null, debrief = null, error_code = null,
                  error_message = null, provider = null, model = null, created_at = ?,
                  completed_at = null
                where session_id = ? and status in ('pending', 'failed', 'skipped')
                """)
            .params(timestamp(at), sessionId)
            .update()
        == 1;
  }

  /** Owners and sessions of evaluations pending since before {@code before}, oldest first. */
  List<Map.Entry<String, String>> pendingSince(Instant before, int limit) {
    return jdbc.sql(
            """
            select owner, session_id from evaluations
            where status = 'pending' and created_at < ?
            order by created_at limit ?
            """)
        .params(timestamp(before), limit)
        .query((row, n) -> Map.entry(row.getString("owner"), row.getString("session_id")))
        .list();
  }

  /**
   * Claims a pending evaluation left since before {@code before} by moving its start to {@code at};
   * of several nodes resuming it, one wins.
   */
  boolean claimPending(String sessionId, Instant before, Instant at) {
    return jdbc.sql(
                """
                update evaluations set created_at = ?
                where session_id = ? and status = 'pending' and created_at < ?
                """)
            .params(timestamp(at), sessionId, timestamp(before))
            .update()
        == 1;
  }

  void complete(String sessionId, Assessment a, String provider, String model, Instant at) {
    jdbc.sql(
            """
            update evaluations set status = 'completed', score = ?, justification = ?,
              strengths = ?, improvements = ?, debrief = ?, provider = ?, model = ?,
              completed_at = ?
            where session_id = ?
            """)
        .params(
            a.score(),
            a.justification(),
            JSON.writeValueAsString(a.strengths()),
            JSON.writeValueAsString(a.improvements()),
            a.debrief(),
            provider,
            model,
            timestamp(at),
            sessionId)
        .update();
  }

  /** Ends a pending evaluation without a score: {@code failed} or {@code skipped}. */
  void end(
      String sessionId,
      EvaluationStatus status,
      String code,
      String message,
      String provider,
      String model,
      Instant at) {
    jdbc.sql(
            """
            update evaluations set status = ?, error_code = ?, error_message = ?, provider = ?,
              model = ?, completed_at = ?
            where session_id = ?
            """)
        .params(status.wireName(), code, message, provider, model, timestamp(at), sessionId)
        .update();
  }

  Optional<Evaluation> find(String sessionId) {
    return jdbc.sql("select * from evaluations where session_id = ?")
        .param(sessionId)
        .query(JdbcEvaluationStore::evaluation)
        .optional();
  }

  /** The owner's evaluations, the most recently finished session first. */
  List<Evaluation> history(String owner, int page, int size) {
    return jdbc.sql(
            "select * from evaluations where owner = ?"
                + " order by session_finished_at desc, session_id desc limit ? offset ?")
        .params(owner, size, (long) page * size)
        .query(JdbcEvaluationStore::evaluation)
        .list();
  }

  long count(String owner) {
    return jdbc.sql("select count(*) from evaluations where owner = ?")
        .param(owner)
        .query(Long.class)
        .single();
  }

  /** Scores of the owner's latest completed evaluations at a level, completed after a time. */
  List<Integer> latestScores(String owner, String level, Instant after, int limit) {
    return jdbc.sql(
            """
            select score from evaluations
            where owner = ? and level = ? and status = 'completed' and completed_at > ?
            order by completed_at desc limit ?
            """)
        .params(owner, level, timestamp(after), limit)
        .query(Integer.class)
        .list();
  }

  private static Evaluation evaluation(ResultSet rs, int row) throws SQLException {
    return new Evaluation(
        rs.getString("session_id"),
        rs.getString("owner"),
        rs.getString("character_id"),
        rs.getString("level"),
        instant(rs, "session_finished_at"),
        EvaluationStatus.fromWire(rs.getString("status")),
        rs.getObject("score", Integer.class),
        rs.getString("justification"),
        strings(rs.getString("strengths")),
        strings(rs.getString("improvements")),
        rs.getString("debrief"),
        rs.getString("error_code"),
        rs.getString("error_message"),
        rs.getString("provider"),
        rs.getString("model"),
        instant(rs, "created_at"),
        instant(rs, "completed_at"));
  }

  private static List<String> strings(String json) {
    return json == null ? List.of() : JSON.readValue(json, STRINGS);
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    var value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
