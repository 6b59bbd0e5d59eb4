package dev.parley.conversation;

import dev.parley.character.CefrLevel;
import dev.parley.conversation.ConversationService.SessionWithHistory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Sessions and turns in the V1 tables, on PostgreSQL or H2. */
final class JdbcConversationStore implements ConversationStore {

  private static final String TURN_COLUMNS =
      "id, session_id, number, user_text, reply_text, status, started_at, llm_first_token_ms,"
          + " llm_total_ms, prompt_tokens, completion_tokens, tokens_per_second, provider, model,"
          + " created_at, stt_final_ms, llm_first_token_voice_ms, first_sentence_ms,"
          + " tts_first_byte_ms, first_audio_sent_ms, stt_provider, stt_model, tts_provider,"
          + " tts_model";

  private static final String INSERT_TURN =
      "insert into turns ("
          + TURN_COLUMNS
          + ") values ("
          + String.join(", ", Collections.nCopies(TURN_COLUMNS.split(",").length, "?"))
          + ")";

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  JdbcConversationStore(JdbcClient jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  @Override
  public void create(Session session, Optional<Turn> openingTurn) {
    transactions.executeWithoutResult(
        status -> {
          jdbc.sql(
                  """
                  insert into sessions (id, owner, character_id, mode, level, native_language,
                    target_language, status, summary, summarized_through, created_at, updated_at,
                    finished_at)
                  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                  """)
              .params(
                  session.id(),
                  session.owner(),
                  session.characterId(),
                  session.mode().wireName(),
                  session.level().name(),
                  session.nativeLanguage(),
                  session.targetLanguage(),
                  session.status().wireName(),
                  session.summary(),
                  session.summarizedThrough() < 0 ? null : session.summarizedThrough(),
                  timestamp(session.createdAt()),
                  timestamp(session.updatedAt()),
                  timestamp(session.finishedAt()))
              .update();
          openingTurn.ifPresent(this::insertTurn);
        });
  }

  @Override
  public Optional<Session> find(String sessionId) {
    return jdbc.sql("select * from sessions where id = ?")
        .param(sessionId)
        .query(JdbcConversationStore::session)
        .optional();
  }

  @Override
  public Optional<SessionWithHistory> findWithUnsummarized(String sessionId) {
    // summarized_through is null until the first summary: every turn (numbered from 0) counts.
    return jdbc.sql(
            "select s.*, t.number as t_number, t.user_text as t_user_text,"
                + " t.reply_text as t_reply_text, t.status as t_status"
                + " from sessions s left join turns t on t.session_id = s.id"
                + " and t.number > coalesce(s.summarized_through, -1)"
                + " where s.id = ? order by t.number")
        .param(sessionId)
        .query(
            rs -> {
              if (!rs.next()) {
                return Optional.<SessionWithHistory>empty();
              }
              var session = session(rs, 0);
              var turns = new ArrayList<HistoryTurn>();
              do {
                int number = rs.getInt("t_number");
                if (!rs.wasNull()) {
                  turns.add(
                      new HistoryTurn(
                          number,
                          rs.getString("t_user_text"),
                          rs.getString("t_reply_text"),
                          TurnStatus.fromWire(rs.getString("t_status"))));
                }
              } while (rs.next());
              return Optional.of(new SessionWithHistory(session, List.copyOf(turns)));
            });
  }

  @Override
  public SessionPage list(String owner, int page, int size) {
    var sessions =
        jdbc.sql(
                "select * from sessions where owner = ? order by created_at desc, id desc"
                    + " limit ? offset ?")
            .params(owner, size, (long) page * size)
            .query(JdbcConversationStore::session)
            .list();
    long total =
        jdbc.sql("select count(*) from sessions where owner = ?")
            .param(owner)
            .query(Long.class)
            .single();
    return new SessionPage(sessions, page, size, total);
  }

  @Override
  public List<Turn> turns(String sessionId) {
    return jdbc.sql("select " + TURN_COLUMNS + " from turns where session_id = ? order by number")
        .param(sessionId)
        .query((rs, row) -> turn(rs))
        .list();
  }

  @Override
  public void append(Turn turn) {
    transactions.executeWithoutResult(
        status -> {
          insertTurn(turn);
          jdbc.sql("update sessions set updated_at = ? where id = ?")
              .params(timestamp(turn.createdAt()), turn.sessionId())
              .update();
        });
  }

  @Override
  public void reviseReply(String turnId, String replyText, TurnStatus status) {
    jdbc.sql("update turns set reply_text = ?, status = ? where id = ?")
        .params(replyText, status.wireName(), turnId)
        .update();
  }

  @Override
  public void redact(String turnId, String userText, String replyText) {
    jdbc.sql(
            "update turns set user_text = coalesce(?, user_text),"
                + " reply_text = coalesce(?, reply_text) where id = ?")
        .params(userText, replyText, turnId)
        .update();
  }

  @Override
  public void recordVoice(String turnId, VoiceTimings timings) {
    jdbc.sql(
            """
            update turns set stt_final_ms = ?, llm_first_token_voice_ms = ?, first_sentence_ms = ?,
              tts_first_byte_ms = ?, first_audio_sent_ms = ?, stt_provider = ?, stt_model = ?,
              tts_provider = ?, tts_model = ?
            where id = ?
            """)
        .params(
            timings.sttFinalMs(),
            timings.llmFirstTokenMs(),
            timings.firstSentenceMs(),
            timings.ttsFirstByteMs(),
            timings.firstAudioSentMs(),
            timings.sttProvider(),
            timings.sttModel(),
            timings.ttsProvider(),
            timings.ttsModel(),
            turnId)
        .update();
  }

  @Override
  public void updateSummary(String sessionId, String summary, int summarizedThrough) {
    jdbc.sql("update sessions set summary = ?, summarized_through = ? where id = ?")
        .params(summary, summarizedThrough, sessionId)
        .update();
  }

  @Override
  public boolean finish(String sessionId, Instant at) {
    return jdbc.sql(
                "update sessions set status = 'finished', finished_at = ?, updated_at = ?"
                    + " where id = ? and status = 'active'")
            .params(timestamp(at), timestamp(at), sessionId)
            .update()
        == 1;
  }

  @Override
  public List<String> idleSince(Instant cutoff) {
    return jdbc.sql("select id from sessions where status = 'active' and updated_at < ?")
        .param(timestamp(cutoff))
        .query(String.class)
        .list();
  }

  private void insertTurn(Turn turn) {
    var voice = turn.voice();
    jdbc.sql(INSERT_TURN)
        .params(
            turn.id(),
            turn.sessionId(),
            turn.number(),
            turn.userText(),
            turn.replyText(),
            turn.status().wireName(),
            timestamp(turn.startedAt()),
            turn.firstTokenMs(),
            turn.totalMs(),
            turn.promptTokens(),
            turn.completionTokens(),
            turn.tokensPerSecond(),
            turn.provider(),
            turn.model(),
            timestamp(turn.createdAt()),
            voice.sttFinalMs(),
            voice.llmFirstTokenMs(),
            voice.firstSentenceMs(),
            voice.ttsFirstByteMs(),
            voice.firstAudioSentMs(),
            voice.sttProvider(),
            voice.sttModel(),
            voice.ttsProvider(),
            voice.ttsModel())
        .update();
  }

  private static Session session(ResultSet rs, int row) throws SQLException {
    var summarizedThrough = rs.getObject("summarized_through", Integer.class);
    return new Session(
        rs.getString("id"),
        rs.getString("owner"),
        rs.getString("character_id"),
        SessionMode.fromWire(rs.getString("mode")),
        CefrLevel.parse(rs.getString("level")),
        rs.getString("native_language"),
        rs.getString("target_language"),
        SessionStatus.fromWire(rs.getString("status")),
        rs.getString("summary"),
        summarizedThrough == null ? -1 : summarizedThrough,
        instant(rs, "created_at"),
        instant(rs, "updated_at"),
        instant(rs, "finished_at"));
  }

  private static Turn turn(ResultSet rs) throws SQLException {
    return new Turn(
        rs.getString("id"),
        rs.getString("session_id"),
        rs.getInt("number"),
        rs.getString("user_text"),
        rs.getString("reply_text"),
        TurnStatus.fromWire(rs.getString("status")),
        instant(rs, "started_at"),
        rs.getObject("llm_first_token_ms", Integer.class),
        rs.getObject("llm_total_ms", Integer.class),
        rs.getObject("prompt_tokens", Integer.class),
        rs.getObject("completion_tokens", Integer.class),
        rs.getObject("tokens_per_second", Double.class),
        rs.getString("provider"),
        rs.getString("model"),
        instant(rs, "created_at"),
        new VoiceTimings(
            rs.getObject("stt_final_ms", Integer.class),
            rs.getObject("llm_first_token_voice_ms", Integer.class),
            rs.getObject("first_sentence_ms", Integer.class),
            rs.getObject("tts_first_byte_ms", Integer.class),
            rs.getObject("first_audio_sent_ms", Integer.class),
            rs.getString("stt_provider"),
            rs.getString("stt_model"),
            rs.getString("tts_provider"),
            rs.getString("tts_model")));
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    var value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
