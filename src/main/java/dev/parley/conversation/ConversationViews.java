package dev.parley.conversation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of sessions, turns and turn events, shared by REST, SSE and WebSocket. */
final class ConversationViews {

  private ConversationViews() {}

  record SessionView(
      String id,
      String characterId,
      String mode,
      String level,
      String nativeLanguage,
      String targetLanguage,
      String status,
      Instant createdAt,
      Instant updatedAt,
      Instant finishedAt) {}

  record Timings(
      Integer firstTokenMs,
      Integer totalMs,
      Integer promptTokens,
      Integer completionTokens,
      Double tokensPerSecond,
      Integer sttFinalMs,
      Integer llmFirstTokenMs,
      Integer firstSentenceMs,
      Integer ttsFirstByteMs,
      Integer firstAudioSentMs) {}

  /** The speech engines of a spoken turn. */
  record SpeechView(String provider, String model) {}

  record TurnView(
      String id,
      int number,
      String userText,
      String reply,
      String status,
      Instant startedAt,
      Timings timings,
      String provider,
      String model,
      SpeechView stt,
      SpeechView tts,
      Instant createdAt) {}

  record SessionDetail(SessionView session, List<TurnView> turns) {}

  record SessionPageView(List<SessionView> sessions, int page, int size, long total) {}

  static SessionView session(Session s) {
    return new SessionView(
        s.id(),
        s.characterId(),
        s.mode().wireName(),
        s.level().name(),
        s.nativeLanguage(),
        s.targetLanguage(),
        s.status().wireName(),
        s.createdAt(),
        s.updatedAt(),
        s.finishedAt());
  }

  static TurnView turn(Turn t) {
    return new TurnView(
        t.id(),
        t.number(),
        t.userText(),
        t.replyText(),
        t.status().wireName(),
        t.startedAt(),
        timings(t),
        t.provider(),
        t.model(),
        speech(t.voice().sttProvider(), t.voice().sttModel()),
        speech(t.voice().ttsProvider(), t.voice().ttsModel()),
        t.createdAt());
  }

  static List<TurnView> turns(List<Turn> turns) {
    return turns.stream().map(ConversationViews::turn).toList();
  }

  static SessionDetail detail(Session session, List<Turn> turns) {
    return new SessionDetail(session(session), turns(turns));
  }

  static SessionPageView page(SessionPage page) {
    return new SessionPageView(
        page.sessions().stream().map(ConversationViews::session).toList(),
        page.page(),
        page.size(),
        page.total());
  }

  static Map<String, Object> turnStarted(int number) {
    return event("turn.started", Map.of("number", number));
  }

  static Map<String, Object> replyDelta(String text) {
    return event("reply.delta", Map.of("text", text));
  }

  static Map<String, Object> turnCompleted(Turn turn) {
    var body = new LinkedHashMap<String, Object>();
    body.put("turnId", turn.id());
    body.put("number", turn.number());
    body.put("status", turn.status().wireName());
    body.put("reply", turn.replyText());
    body.put("timings", timings(turn));
    body.put("provider", turn.provider());
    body.put("model", turn.model());
    return event("turn.completed", body);
  }

  /**
   * @param turn the failed turn as stored, or null
   * @param ref the client's {@code ref} of the message that caused the error, or null
   */
  static Map<String, Object> error(String code, String message, Turn turn, String ref) {
    var body = new LinkedHashMap<String, Object>();
    body.put("code", code);
    body.put("message", message);
    if (turn != null) {
      body.put("turnId", turn.id());
      body.put("number", turn.number());
    }
    if (ref != null) {
      body.put("ref", ref);
    }
    return event("error", body);
  }

  static Map<String, Object> event(String type, Map<String, ?> body) {
    var event = new LinkedHashMap<String, Object>();
    event.put("type", type);
    event.putAll(body);
    return event;
  }

  /** {@code turn.metrics}: the stages of a spoken turn, in ms from the end of speech. */
  static Map<String, Object> turnMetrics(int number, VoiceTimings v) {
    var stages = new LinkedHashMap<String, Object>();
    stages.put("sttFinal", v.sttFinalMs());
    stages.put("llmFirstToken", v.llmFirstTokenMs());
    stages.put("firstSentence", v.firstSentenceMs());
    stages.put("ttsFirstByte", v.ttsFirstByteMs());
    stages.put("firstAudioSent", v.firstAudioSentMs());
    var body = new LinkedHashMap<String, Object>();
    body.put("number", number);
    body.put("stages", stages);
    return event("turn.metrics", body);
  }

  private static SpeechView speech(String provider, String model) {
    return provider == null ? null : new SpeechView(provider, model);
  }

  private static Timings timings(Turn t) {
    var v = t.voice();
    return new Timings(
        t.firstTokenMs(),
        t.totalMs(),
        t.promptTokens(),
        t.completionTokens(),
        t.tokensPerSecond(),
        v.sttFinalMs(),
        v.llmFirstTokenMs(),
        v.firstSentenceMs(),
        v.ttsFirstByteMs(),
        v.firstAudioSentMs());
  }
}
