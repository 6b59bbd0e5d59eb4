package dev.parley.feedback;

import dev.parley.feedback.grammar.Correction;
import dev.parley.feedback.grammar.MistakeCategory;
import dev.parley.ids.TimeOrderedIds;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Checked utterances and their corrections in the V4 tables, on PostgreSQL or H2. */
final class FeedbackStore {

  private static final String CORRECTION_COLUMNS =
      "utterance_id, turn_number, start_offset, end_offset, category, original, suggestion,"
          + " explanation, source, utterance, created_at";

  record CategoryCount(String category, long count) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  FeedbackStore(JdbcClient jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  /**
   * Stores a check and its corrections in one transaction, replacing an earlier check of the same
   * turn (a turn number is reused when its turn could not be stored).
   */
  void save(CheckedUtterance check, List<Correction> corrections) {
    transactions.executeWithoutResult(
        status -> {
          jdbc.sql("delete from checked_utterances where session_id = ? and turn_number = ?")
              .params(check.sessionId(), check.turnNumber())
              .update();
          jdbc.sql(
                  """
                  insert into checked_utterances (id, owner, session_id, turn_number, language,
                    utterance, spoken, checked_at)
                  values (?, ?, ?, ?, ?, ?, ?, ?)
                  """)
              .params(
                  check.id(),
                  check.owner(),
                  check.sessionId(),
                  check.turnNumber(),
                  check.language(),
                  check.text(),
                  check.spoken(),
                  timestamp(check.checkedAt()))
              .update();
          corrections.forEach(correction -> insert(check, correction));
        });
  }

  private void insert(CheckedUtterance check, Correction correction) {
    jdbc.sql(
            """
            insert into corrections (id, utterance_id, owner, session_id, turn_number, language,
              start_offset, end_offset, category, original, suggestion, explanation, source,
              rule_id, utterance, created_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        .params(
            TimeOrderedIds.next(),
            check.id(),
            check.owner(),
            check.sessionId(),
            check.turnNumber(),
            check.language(),
            correction.start(),
            correction.end(),
            correction.category().wireName(),
            correction.original(),
            correction.suggestion(),
            correction.explanation(),
            correction.source().name().toLowerCase(Locale.ROOT),
            correction.ruleId(),
            check.text(),
            timestamp(check.checkedAt()))
        .update();
  }

  /** The session's checked utterances, by turn number. */
  List<CheckedUtterance> utterances(String sessionId) {
    return jdbc.sql("select * from checked_utterances where session_id = ? order by turn_number")
        .param(sessionId)
        .query(FeedbackStore::utterance)
        .list();
  }

  /** The check of one turn, if it was checked. */
  Optional<CheckedUtterance> utterance(String sessionId, int turnNumber) {
    return jdbc.sql("select * from checked_utterances where session_id = ? and turn_number = ?")
        .params(sessionId, turnNumber)
        .query(FeedbackStore::utterance)
        .optional();
  }

  /** The corrections of one checked utterance, by position, as the checker made them. */
  List<Correction> correctionsOf(String utteranceId) {
    return jdbc.sql("select * from corrections where utterance_id = ? order by start_offset")
        .param(utteranceId)
        .query(
            (rs, row) ->
                new Correction(
                    rs.getInt("start_offset"),
                    rs.getInt("end_offset"),
                    rs.getString("original"),
                    rs.getString("suggestion"),
                    MistakeCategory.fromWire(rs.getString("category")),
                    rs.getString("rule_id"),
                    rs.getString("explanation"),
                    Correction.Source.valueOf(rs.getString("source").toUpperCase(Locale.ROOT))))
        .list();
  }

  /** The session's corrections, by turn number and position. */
  List<StoredCorrection> corrections(String sessionId) {
    return jdbc.sql(
            "select "
                + CORRECTION_COLUMNS
                + " from corrections where session_id = ? order by turn_number, start_offset")
        .param(sessionId)
        .query(FeedbackStore::correction)
        .list();
  }

  /** Corrections per category, most frequent first. */
  List<CategoryCount> categoryCounts(String owner, LanguageFilter filter, int top) {
    return filter
        .bind(
            jdbc.sql(
                    "select category, count(*) as n from corrections where owner = :owner"
                        + filter.clause("language")
                        + " group by category order by n desc, category limit :top")
                .param("owner", owner)
                .param("top", top))
        .query((rs, row) -> new CategoryCount(rs.getString("category"), rs.getLong("n")))
        .list();
  }

  /** When each correction since {@code since} was made; all categories when category is null. */
  List<Instant> correctionTimes(
      String owner, LanguageFilter filter, String category, Instant since) {
    var sql =
        "select created_at from corrections where owner = :owner and created_at >= :since"
            + filter.clause("language")
            + (category == null ? "" : " and category = :category");
    var statement = jdbc.sql(sql).param("owner", owner).param("since", timestamp(since));
    if (category != null) {
      statement = statement.param("category", category);
    }
    return filter.bind(statement).query((rs, row) -> instant(rs, "created_at")).list();
  }

  /** When each utterance since {@code since} was checked. */
  List<Instant> checkTimes(String owner, LanguageFilter filter, Instant since) {
    return filter
        .bind(
            jdbc.sql(
                    "select checked_at from checked_utterances where owner = :owner"
                        + " and checked_at >= :since"
                        + filter.clause("language"))
                .param("owner", owner)
                .param("since", timestamp(since)))
        .query((rs, row) -> instant(rs, "checked_at"))
        .list();
  }

  long utteranceCount(String owner, LanguageFilter filter) {
    return count("checked_utterances", owner, filter);
  }

  long correctionCount(String owner, LanguageFilter filter) {
    return count("corrections", owner, filter);
  }

  private long count(String table, String owner, LanguageFilter filter) {
    return filter
        .bind(
            jdbc.sql(
                    "select count(*) from "
                        + table
                        + " where owner = :owner"
                        + filter.clause("language"))
                .param("owner", owner))
        .query(Long.class)
        .single();
  }

  /** The newest corrections of a category, newest first. */
  List<StoredCorrection> latest(String owner, LanguageFilter filter, String category, int limit) {
    return filter
        .bind(
            jdbc.sql(
                    "select "
                        + CORRECTION_COLUMNS
                        + " from corrections where owner = :owner and category = :category"
                        + filter.clause("language")
                        + " order by created_at desc, id limit :limit")
                .param("owner", owner)
                .param("category", category)
                .param("limit", limit))
        .query(FeedbackStore::correction)
        .list();
  }

  private static CheckedUtterance utterance(ResultSet rs, int row) throws SQLException {
    return new CheckedUtterance(
        rs.getString("id"),
        rs.getString("owner"),
        rs.getString("session_id"),
        rs.getInt("turn_number"),
        rs.getString("language"),
        rs.getString("utterance"),
        rs.getBoolean("spoken"),
        instant(rs, "checked_at"));
  }

  private static StoredCorrection correction(ResultSet rs, int row) throws SQLException {
    return new StoredCorrection(
        rs.getString("utterance_id"),
        rs.getInt("turn_number"),
        rs.getInt("start_offset"),
        rs.getInt("end_offset"),
        rs.getString("category"),
        rs.getString("original"),
        rs.getString("suggestion"),
        rs.getString("explanation"),
        rs.getString("source"),
        rs.getString("utterance"),
        instant(rs, "created_at"));
  }

  static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    var value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
