package dev.parley.feedback.review;

import dev.parley.feedback.LanguageFilter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Review items in the V4 table {@code review_items}. */
final class ReviewStore {

  private final JdbcClient jdbc;

  ReviewStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Stores a new item, or, when the learner made the same mistake before, refreshes that one: the
   * newest sentence, and due again now with its repetitions reset (the ease factor stays).
   */
  void addOrRefresh(ReviewItem item) {
    if (refresh(item)) {
      return;
    }
    try {
      jdbc.sql(
              """
              insert into review_items (id, owner, language, category, mistake_key, original,
                suggestion, explanation, sentence, mistake_start, mistake_end, corrected,
                repetitions, interval_days, ease_factor, due_at, created_at)
              values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
              """)
          .params(
              item.id(),
              item.owner(),
              item.language(),
              item.category(),
              item.mistakeKey(),
              item.original(),
              item.suggestion(),
              item.explanation(),
              item.sentence(),
              item.mistakeStart(),
              item.mistakeEnd(),
              item.corrected(),
              item.schedule().repetitions(),
              item.schedule().intervalDays(),
              item.schedule().easeFactor(),
              timestamp(item.dueAt()),
              timestamp(item.createdAt()))
          .update();
    } catch (DuplicateKeyException e) {
      refresh(item); // the same mistake, stored a moment ago by another worker
    }
  }

  private boolean refresh(ReviewItem item) {
    return jdbc.sql(
                """
                update review_items set original = ?, suggestion = ?, explanation = ?,
                  sentence = ?, mistake_start = ?, mistake_end = ?, corrected = ?,
                  repetitions = 0, interval_days = 0, due_at = ?
                where owner = ? and language = ? and category = ? and mistake_key = ?
                """)
            .params(
                item.original(),
                item.suggestion(),
                item.explanation(),
                item.sentence(),
                item.mistakeStart(),
                item.mistakeEnd(),
                item.corrected(),
                timestamp(item.dueAt()),
                item.owner(),
                item.language(),
                item.category(),
                item.mistakeKey())
            .update()
        > 0;
  }

  /** The learner's items due by {@code now}, the longest overdue first. */
  List<ReviewItem> due(String owner, LanguageFilter filter, Instant now, int limit) {
    return filter
        .bind(
            jdbc.sql(
                    "select * from review_items where owner = :owner and due_at <= :now"
                        + filter.clause("language")
                        + " order by due_at, created_at, id limit :limit")
                .param("owner", owner)
                .param("now", timestamp(now))
                .param("limit", limit))
        .query(ReviewStore::item)
        .list();
  }

  Optional<ReviewItem> find(String owner, String id) {
    return jdbc.sql("select * from review_items where id = ? and owner = ?")
        .params(id, owner)
        .query(ReviewStore::item)
        .optional();
  }

  /** The learner's items that quote this sentence. */
  List<ReviewItem> quoting(String owner, String language, String sentence) {
    return jdbc.sql("select * from review_items where owner = ? and language = ? and sentence = ?")
        .params(owner, language, sentence)
        .query(ReviewStore::item)
        .list();
  }

  /** The item quotes another sentence; its mistake sits at [start, end) of it. */
  void requote(String id, String sentence, int start, int end, String corrected) {
    jdbc.sql(
            "update review_items set sentence = ?, mistake_start = ?, mistake_end = ?,"
                + " corrected = ? where id = ?")
        .params(sentence, start, end, corrected, id)
        .update();
  }

  void delete(String id) {
    jdbc.sql("delete from review_items where id = ?").param(id).update();
  }

  void answered(ReviewItem item, Schedule schedule, Instant at, Instant due) {
    jdbc.sql(
            "update review_items set repetitions = ?, interval_days = ?, ease_factor = ?,"
                + " due_at = ?, reviewed_at = ? where id = ?")
        .params(
            schedule.repetitions(),
            schedule.intervalDays(),
            schedule.easeFactor(),
            timestamp(due),
            timestamp(at),
            item.id())
        .update();
  }

  private static ReviewItem item(ResultSet rs, int row) throws SQLException {
    return new ReviewItem(
        rs.getString("id"),
        rs.getString("owner"),
        rs.getString("language"),
        rs.getString("category"),
        rs.getString("mistake_key"),
        rs.getString("original"),
        rs.getString("suggestion"),
        rs.getString("explanation"),
        rs.getString("sentence"),
        rs.getInt("mistake_start"),
        rs.getInt("mistake_end"),
        rs.getString("corrected"),
        new Schedule(
            rs.getInt("repetitions"), rs.getInt("interval_days"), rs.getDouble("ease_factor")),
        instant(rs, "due_at"),
        instant(rs, "created_at"),
        instant(rs, "reviewed_at"));
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    var value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
