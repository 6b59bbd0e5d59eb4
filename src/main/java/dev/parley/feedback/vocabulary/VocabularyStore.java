package dev.parley.feedback.vocabulary;

import dev.parley.feedback.LanguageFilter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Word counts per learner and language in the V4 table {@code learner_words}. */
final class VocabularyStore {

  record WordCount(String word, String language, long count) {}

  record NewWord(String word, String language, Instant firstUsedAt) {}

  record Totals(long words, long distinctWords) {}

  private final JdbcClient jdbc;

  VocabularyStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Adds word uses. Each word is its own statement, outside any transaction, so that a concurrent
   * insert of the same new word (two sessions of one learner) is retried as an update.
   */
  void add(String owner, String language, Map<String, Integer> uses, Instant at) {
    uses.forEach((word, count) -> add(owner, language, word, count, timestamp(at)));
  }

  private void add(String owner, String language, String word, int count, OffsetDateTime at) {
    if (increment(owner, language, word, count, at)) {
      return;
    }
    try {
      jdbc.sql(
              "insert into learner_words (owner, language, word, uses, first_used_at,"
                  + " last_used_at) values (?, ?, ?, ?, ?, ?)")
          .params(owner, language, word, count, at, at)
          .update();
    } catch (DuplicateKeyException e) {
      increment(owner, language, word, count, at);
    }
  }

  private boolean increment(
      String owner, String language, String word, int count, OffsetDateTime at) {
    return jdbc.sql(
                "update learner_words set uses = uses + ?, last_used_at = ?"
                    + " where owner = ? and language = ? and word = ?")
            .params(count, at, owner, language, word)
            .update()
        > 0;
  }

  /** Takes uses back (of a redacted text); a word with none left is forgotten. */
  void take(String owner, String language, Map<String, Integer> uses) {
    uses.forEach(
        (word, count) -> {
          jdbc.sql(
                  "update learner_words set uses = uses - ?"
                      + " where owner = ? and language = ? and word = ?")
              .params(count, owner, language, word)
              .update();
          jdbc.sql(
                  "delete from learner_words"
                      + " where owner = ? and language = ? and word = ? and uses <= 0")
              .params(owner, language, word)
              .update();
        });
  }

  Totals totals(String owner, LanguageFilter filter) {
    return filter
        .bind(
            jdbc.sql(
                    "select coalesce(sum(uses), 0) as words, count(*) as distinct_words"
                        + " from learner_words where owner = :owner"
                        + filter.clause("language"))
                .param("owner", owner))
        .query((rs, row) -> new Totals(rs.getLong("words"), rs.getLong("distinct_words")))
        .single();
  }

  List<WordCount> top(String owner, LanguageFilter filter, int top) {
    return filter
        .bind(
            jdbc.sql(
                    "select word, language, uses from learner_words where owner = :owner"
                        + filter.clause("language")
                        + " order by uses desc, word limit :top")
                .param("owner", owner)
                .param("top", top))
        .query(
            (rs, row) ->
                new WordCount(rs.getString("word"), rs.getString("language"), rs.getLong("uses")))
        .list();
  }

  List<NewWord> firstUsedSince(String owner, LanguageFilter filter, Instant since, int limit) {
    return filter
        .bind(
            jdbc.sql(
                    "select word, language, first_used_at from learner_words where owner = :owner"
                        + " and first_used_at >= :since"
                        + filter.clause("language")
                        + " order by first_used_at desc, word limit :limit")
                .param("owner", owner)
                .param("since", timestamp(since))
                .param("limit", limit))
        .query(
            (rs, row) ->
                new NewWord(
                    rs.getString("word"),
                    rs.getString("language"),
                    rs.getObject("first_used_at", OffsetDateTime.class).toInstant()))
        .list();
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
