package dev.parley.feedback.vocabulary;

import dev.parley.feedback.LanguageFilter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Word counts per learner and language in the V4 table {@code learner_words}. */
final class VocabularyStore {

  record WordCount(String word, String language, long count) {}

  record NewWord(String word, String language, Instant firstUsedAt) {}

  record Totals(long words, long distinctWords) {}

  private static final String INCREMENT =
      "update learner_words set uses = uses + ?, last_used_at = ?"
          + " where owner = ? and language = ? and word = ?";
  private static final String INSERT =
      "insert into learner_words (owner, language, word, uses, first_used_at, last_used_at)"
          + " values (?, ?, ?, ?, ?, ?)";

  private final JdbcTemplate batches;
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  VocabularyStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
    this.batches = jdbc;
    this.jdbc = JdbcClient.create(jdbc);
    this.transactions = transactions;
  }

  /**
   * Adds the word uses of one utterance in one or two round trips: a batch of increments, then one
   * batch inserting the words that were new. The words go in one order for every writer, so two
   * sessions of one learner never wait on each other's row locks in a cycle. The inserts are all or
   * nothing: if another session inserted one of the words first, none is kept and each new word is
   * added on its own, its duplicate insert retried as an increment.
   */
  void add(String owner, String language, Map<String, Integer> uses, Instant at) {
    if (uses.isEmpty()) {
      return;
    }
    var when = timestamp(at);
    var words = List.copyOf(new TreeMap<>(uses).entrySet());
    int[] incremented =
        batches.batchUpdate(
            INCREMENT,
            words.stream()
                .map(w -> new Object[] {w.getValue(), when, owner, language, w.getKey()})
                .toList());
    // H2 and PostgreSQL report each statement's row count (never SUCCESS_NO_INFO) here.
    var fresh = new ArrayList<Map.Entry<String, Integer>>();
    for (int i = 0; i < words.size(); i++) {
      if (incremented[i] == 0) {
        fresh.add(words.get(i));
      }
    }
    if (fresh.isEmpty()) {
      return;
    }
    try {
      transactions.executeWithoutResult(
          status ->
              batches.batchUpdate(
                  INSERT,
                  fresh.stream()
                      .map(
                          w -> new Object[] {owner, language, w.getKey(), w.getValue(), when, when})
                      .toList()));
    } catch (DuplicateKeyException e) {
      fresh.forEach(w -> add(owner, language, w.getKey(), w.getValue(), when));
    }
  }

  private void add(String owner, String language, String word, int count, OffsetDateTime at) {
    if (increment(owner, language, word, count, at)) {
      return;
    }
    try {
      jdbc.sql(INSERT).params(owner, language, word, count, at, at).update();
    } catch (DuplicateKeyException e) {
      increment(owner, language, word, count, at);
    }
  }

  private boolean increment(
      String owner, String language, String word, int count, OffsetDateTime at) {
    return jdbc.sql(INCREMENT).params(count, at, owner, language, word).update() > 0;
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
