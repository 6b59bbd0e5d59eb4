package dev.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.llm.ChatMessage;
import dev.parley.testing.Flite;
import dev.parley.testing.ParleyIntegrationTest;
import dev.parley.testing.ScriptedChatModel;
import dev.parley.testing.ScriptedLlmConfig;
import dev.parley.voice.audio.Pcm16;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * The voice pipeline over a real WebSocket with the real parts: flite speech in, Silero VAD,
 * pocketsphinx, FreeTTS, PostgreSQL; only the LLM is scripted, for control over timing.
 */
@ParleyIntegrationTest
@Import(ScriptedLlmConfig.class)
class VoiceSocketTest {

  private static final String CHARACTER = "job-interview-london";
  private static final String FIRST = "Thank you for coming in today.";
  private static final String UTTERANCE = "I worked as a teacher for five years in a small school";

  @LocalServerPort int port;
  @Autowired ScriptedChatModel model;
  ApiClient api;
  String learner;
  final List<Client> clients = new ArrayList<>();

  @BeforeEach
  void setUp() {
    model.reset();
    learner = "voice-" + UUID.randomUUID().toString().substring(0, 8);
    api = new ApiClient(port, learner);
  }

  @AfterEach
  void close() {
    clients.forEach(c -> c.ws.abort());
  }

  @Test
  void spokenTurnRoundTrip() throws Exception {
    var id = startSession("C1");
    var client = connect(id);
    client.startAudio();
    model.enqueueReply(
        "Brilliant", ",", " thank", " you", ".", " What", " did", " you", " teach", "?");

    client.sendSpeech(speech(UTTERANCE, 16_000), 16_000, true);
    var received = client.until(r -> r.isEvent("turn.metrics"), r -> r.isEvent("reply.audio.end"));

    var types = received.stream().filter(r -> r.event != null).map(Received::type).toList();
    assertThat(types)
        .containsSubsequence(
            "speech.started",
            "speech.stopped",
            "transcript.final",
            "turn.started",
            "reply.delta",
            "turn.completed")
        .containsSubsequence("turn.started", "reply.audio.start", "reply.audio.end")
        .doesNotContain("error");
    var heard = event(received, "transcript.final");
    assertThat(words(heard.get("text").asString()))
        .as(heard.toString())
        .hasSizeGreaterThanOrEqualTo(words(UTTERANCE).size() / 2);
    int number = heard.get("number").asInt();
    assertThat(number).isEqualTo(1);
    assertThat(event(received, "turn.started").get("number").asInt()).isEqualTo(number);

    var start = event(received, "reply.audio.start");
    assertThat(start.get("sampleRate").asInt()).isEqualTo(16_000);
    assertThat(start.get("encoding").asString()).isEqualTo("pcm16");
    var frames = received.stream().filter(r -> r.audio != null).toList();
    assertThat(frames).isNotEmpty();
    long expectedOffset = 0;
    for (var frame : frames) {
      assertThat(frame.turnNumber()).isEqualTo(number);
      assertThat(frame.offset()).isEqualTo(expectedOffset);
      assertThat(frame.samples()).isBetween(1, 1600);
      expectedOffset += frame.samples();
    }
    var end = event(received, "reply.audio.end");
    assertThat(end.get("status").asString()).isEqualTo("completed");
    assertThat(end.get("durationMs").asLong()).isEqualTo(expectedOffset * 1000 / 16_000);
    // Speech in the announced byte order: swapped bytes would read as loud noise that crosses
    // zero on every other sample.
    var replyAudio = new java.io.ByteArrayOutputStream();
    frames.forEach(f -> replyAudio.write(f.audio(), 8, f.audio().length - 8));
    var samples = Pcm16.toShorts(replyAudio.toByteArray());
    int crossings = 0;
    int loudest = 0;
    for (int i = 0; i < samples.length; i++) {
      loudest = Math.max(loudest, Math.abs(samples[i]));
      if (i > 0 && (samples[i - 1] < 0) != (samples[i] < 0)) {
        crossings++;
      }
    }
    assertThat(crossings / (double) samples.length).isLessThan(0.25);
    assertThat(loudest).isGreaterThan(3_000);

    var completed = event(received, "turn.completed");
    assertThat(completed.get("reply").asString())
        .isEqualTo("Brilliant, thank you. What did you teach?");
    var stages = event(received, "turn.metrics").get("stages");
    int sttFinal = stages.get("sttFinal").asInt();
    int firstToken = stages.get("llmFirstToken").asInt();
    int firstSentence = stages.get("firstSentence").asInt();
    int ttsFirstByte = stages.get("ttsFirstByte").asInt();
    int firstAudio = stages.get("firstAudioSent").asInt();
    assertThat(sttFinal).isLessThanOrEqualTo(firstToken);
    assertThat(firstToken).isLessThanOrEqualTo(firstSentence);
    assertThat(firstSentence).isLessThanOrEqualTo(ttsFirstByte);
    assertThat(ttsFirstByte).isLessThanOrEqualTo(firstAudio);
    assertThat(firstAudio).isLessThan(30_000);
    System.out.printf(
        "Voice turn stages (ms from end of speech): sttFinal=%d llmFirstToken=%d"
            + " firstSentence=%d ttsFirstByte=%d firstAudioSent=%d%n",
        sttFinal, firstToken, firstSentence, ttsFirstByte, firstAudio);

    var stored = storedTurn(id, number);
    assertThat(stored.get("userText").asString()).isEqualTo(heard.get("text").asString());
    assertThat(stored.get("status").asString()).isEqualTo("completed");
    assertThat(stored.get("timings").get("firstAudioSentMs").asInt()).isEqualTo(firstAudio);
    assertThat(stored.get("timings").get("sttFinalMs").asInt()).isEqualTo(sttFinal);
    assertThat(stored.get("stt").get("provider").asString()).isEqualTo("pocketsphinx");
    assertThat(stored.get("tts").get("provider").asString()).isEqualTo("freetts");
    assertThat(api.get("/actuator/prometheus").body())
        .contains("parley_voice_stage_seconds_bucket{stage=\"firstAudioSent\"");

    // While the learner spoke, their words so far were read into the prompt cache: the reply's
    // prompt with the partial transcript in place of the final one.
    var reply =
        model.requests().stream()
            .filter(r -> id.equals(r.cacheKey()))
            .reduce((first, second) -> second)
            .orElseThrow()
            .messages();
    var history = reply.subList(0, reply.size() - 1);
    var speculative =
        model.prefills().stream()
            .filter(p -> p.messages().size() == reply.size())
            .filter(p -> p.messages().subList(0, history.size()).equals(history))
            .toList();
    assertThat(speculative).as(model.prefills().toString()).isNotEmpty();
    assertThat(speculative).allSatisfy(p -> assertThat(p.cacheKey()).isEqualTo(id));
    assertThat(words(speculative.getLast().messages().getLast().text()))
        .containsAnyElementsOf(words(heard.get("text").asString()));
  }

  @Test
  void speakingOverTheReplyKeepsOnlyWhatWasHeard() throws Exception {
    var id = startSession("C1");
    var client = connect(id);
    client.startAudio();
    var frames = firstSentenceSpoken(client);
    assertThat(frames).isNotEmpty();
    int number = frames.getFirst().turnNumber();
    long samples = frames.stream().mapToLong(Received::samples).sum();
    long playedMs = (samples * 1000 + 15_999) / 16_000;
    client.send("{\"type\":\"playback\",\"number\":" + number + ",\"playedMs\":" + playedMs + "}");

    model.tokenDelay(Duration.ZERO);
    client.sendSpeech(speech("I managed a school trip to London", 16_000), 16_000);
    var received =
        client.until(r -> r.isEvent("turn.completed") && r.event.get("number").asInt() > number);

    var audioEnd = received.indexOf(find(received, r -> r.isEvent("reply.audio.end")));
    assertThat(received.get(audioEnd).event.get("status").asString()).isEqualTo("interrupted");
    assertThat(received.get(audioEnd).event.get("number").asInt()).isEqualTo(number);
    assertThat(received.subList(audioEnd, received.size()))
        .noneMatch(r -> r.audio != null && r.turnNumber() == number);
    var started = received.indexOf(find(received, r -> r.isEvent("speech.started")));
    assertThat(started).isLessThan(audioEnd);

    var interrupted =
        find(received, r -> r.isEvent("turn.completed") && r.event.get("number").asInt() == number)
            .event;
    assertThat(interrupted.get("status").asString()).isEqualTo("interrupted");
    assertThat(interrupted.get("reply").asString()).isEqualTo(FIRST);
    var stored = storedTurn(id, number);
    assertThat(stored.get("status").asString()).isEqualTo("interrupted");
    assertThat(stored.get("reply").asString()).isEqualTo(FIRST);

    var next = find(received, r -> r.isEvent("transcript.final")).event;
    assertThat(next.get("number").asInt()).isEqualTo(number + 1);
    var prompt = model.requests().getLast().messages();
    assertThat(prompt)
        .filteredOn(m -> m.role() == ChatMessage.Role.ASSISTANT)
        .extracting(ChatMessage::text)
        .contains(FIRST)
        .noneMatch(text -> text.contains("difficult project"));
  }

  @Test
  void theClientMarksItsTurnsAndItsSpeechInterruptsTheReply() throws Exception {
    var id = startSession("C1");
    var client = connect(id);
    assertThat(client.startAudio("client").get("endpointing").asString()).isEqualTo("client");
    int number = firstSentenceSpoken(client).getFirst().turnNumber();

    // Two seconds of silence after the words: the server's VAD would end the turn; here only the
    // client does. The pong says every frame before it was handled.
    model.tokenDelay(Duration.ZERO);
    model.enqueueReply("A school trip, how lovely.");
    client.sendSpeech(speech(UTTERANCE, 16_000), 16_000);
    client.send("{\"type\":\"ping\",\"ref\":\"frames-sent\"}");
    var beforeEnd = client.until(r -> r.isEvent("pong"));
    assertThat(event(beforeEnd, "speech.started").get("atMs").asLong()).isZero();
    var audioEnd = event(beforeEnd, "reply.audio.end");
    assertThat(audioEnd.get("number").asInt()).isEqualTo(number);
    assertThat(audioEnd.get("status").asString()).isEqualTo("interrupted");
    assertThat(beforeEnd).noneMatch(r -> r.isEvent("speech.stopped") || r.isEvent("error"));

    client.send("{\"type\":\"speech.end\"}");
    var received =
        client.until(r -> r.isEvent("turn.completed") && r.event.get("number").asInt() > number);
    var stopped = event(received, "speech.stopped").get("atMs").asLong();
    assertThat(stopped).isEqualTo(speech(UTTERANCE, 16_000).length / 16);
    var heard = event(received, "transcript.final");
    assertThat(heard.get("number").asInt()).isEqualTo(number + 1);
    assertThat(words(heard.get("text").asString()))
        .as(heard.toString())
        .hasSizeGreaterThanOrEqualTo(words(UTTERANCE).size() / 2);
    assertThat(storedTurn(id, number).get("status").asString()).isEqualTo("interrupted");
    assertThat(storedTurn(id, number + 1).get("reply").asString())
        .isEqualTo("A school trip, how lovely.");
  }

  @Test
  void speechEndEndsAServerDetectedTurnWithoutWaitingForTheSilence() throws Exception {
    // A1 waits 1.4 s of silence before it ends a turn; the learner says they are done first.
    var id = startSession("A1");
    var client = connect(id);
    assertThat(client.startAudio().get("endpointing").asString()).isEqualTo("server");
    model.enqueueReply("Five years, wonderful.");
    var voice = Flite.say(UTTERANCE).samples();
    var speech = Arrays.copyOf(voice, voice.length + 4_800);
    client.sendSpeech(speech, 16_000);
    client.send("{\"type\":\"ping\",\"ref\":\"frames-sent\"}");
    var beforeEnd = client.until(r -> r.isEvent("speech.started"), r -> r.isEvent("pong"));
    assertThat(beforeEnd).noneMatch(r -> r.isEvent("speech.stopped"));

    client.send("{\"type\":\"speech.end\"}");
    var received = client.until(r -> r.isEvent("turn.completed"));
    assertThat(event(received, "speech.stopped").get("atMs").asLong())
        .isBetween((long) (speech.length - 640) / 16, (long) speech.length / 16);
    assertThat(words(event(received, "transcript.final").get("text").asString()))
        .hasSizeGreaterThanOrEqualTo(words(UTTERANCE).size() / 2);
    assertThat(storedTurn(id, 1).get("reply").asString()).isEqualTo("Five years, wonderful.");

    // Outside a turn it changes nothing.
    client.send("{\"type\":\"speech.end\"}");
    client.send("{\"type\":\"ping\",\"ref\":\"after\"}");
    assertThat(client.until(r -> r.isEvent("pong")))
        .noneMatch(r -> r.isEvent("error") || r.isEvent("speech.stopped"));
  }

  @Test
  void interruptWithoutReportKeepsTheAudioSentAndALateReportRefinesIt() throws Exception {
    var id = startSession("C1");
    var client = connect(id);
    client.startAudio();
    var frames = firstSentenceSpoken(client);
    int number = frames.getFirst().turnNumber();
    long samples = frames.stream().mapToLong(Received::samples).sum();

    client.send("{\"type\":\"interrupt\"}");
    var received = client.until(r -> r.isEvent("turn.completed"));

    var audioEnd = find(received, r -> r.isEvent("reply.audio.end")).event;
    assertThat(audioEnd.get("status").asString()).isEqualTo("interrupted");
    assertThat(audioEnd.get("durationMs").asLong()).isEqualTo(samples * 1000 / 16_000);
    var completed = event(received, "turn.completed");
    assertThat(completed.get("status").asString()).isEqualTo("interrupted");
    assertThat(completed.get("reply").asString()).isEqualTo(FIRST);
    assertThat(storedTurn(id, number).get("reply").asString()).isEqualTo(FIRST);

    // The client stopped playing a bit past half of it: 3 of its 6 words were heard.
    long playedMs = samples * 58 / 100 * 1000 / 16_000;
    client.send("{\"type\":\"playback\",\"number\":" + number + ",\"playedMs\":" + playedMs + "}");
    await()
        .atMost(10, TimeUnit.SECONDS)
        .untilAsserted(
            () ->
                assertThat(storedTurn(id, number).get("reply").asString())
                    .isEqualTo("Thank you for"));
  }

  @Test
  void enginesWithoutTheSessionsLanguageLeaveTextTurnsWorking() throws Exception {
    var response = api.post("/api/sessions", "{\"characterId\":\"barista-madrid\"}");
    var id = ApiClient.json(response).get("session").get("id").asString();
    var client = connect(id);
    client.startAudio();
    assertError(client.nextEvent(), "voice_unsupported_language");

    for (var reply : List.of("¡Claro!", "Aquí tienes.")) {
      model.enqueueReply(reply);
      client.send("{\"type\":\"user.text\",\"text\":\"Un café\"}");
      var received = client.until(r -> r.isEvent("turn.completed"));
      assertThat(event(received, "turn.completed").get("reply").asString()).isEqualTo(reply);
      assertThat(received).noneMatch(r -> r.audio != null || r.isEvent("reply.audio.start"));
      // The synthesizer's refusal is said once per socket.
      assertThat(received.stream().filter(r -> r.isEvent("error")).count())
          .isEqualTo(reply.equals("¡Claro!") ? 1 : 0);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {24_000, 48_000})
  void higherClientRatesAreResampled(int rate) throws Exception {
    var id = startSession("C1");
    var client = connect(id);
    client.send(
        "{\"type\":\"audio.start\",\"format\":{\"encoding\":\"pcm16\",\"sampleRate\":"
            + rate
            + ",\"channels\":1}}");
    assertThat(client.nextEvent().get("sampleRate").asInt()).isEqualTo(16_000);
    model.enqueueReply("Lovely.");

    client.sendSpeech(speech(UTTERANCE, rate), rate);
    var received = client.until(r -> r.isEvent("turn.completed"));

    var heard = event(received, "transcript.final").get("text").asString();
    assertThat(words(heard)).as(heard).hasSizeGreaterThanOrEqualTo(words(UTTERANCE).size() / 2);
    assertThat(storedTurn(id, 1).get("userText").asString()).isEqualTo(heard);
  }

  @Test
  void badAudioGetsErrorsAndTheSocketSurvives() throws Exception {
    var id = startSession("C1");
    var client = connect(id);

    client.sendBinary(new byte[640]);
    assertError(client.nextEvent(), "audio_not_started");
    client.send(
        "{\"type\":\"audio.start\",\"format\":{\"encoding\":\"pcm16\",\"sampleRate\":44100}}");
    assertError(client.nextEvent(), "audio_format_unsupported");
    client.send(
        "{\"type\":\"audio.start\",\"format\":{\"encoding\":\"opus\",\"sampleRate\":16000}}");
    assertError(client.nextEvent(), "audio_format_unsupported");
    client.send(
        "{\"type\":\"audio.start\",\"format\":"
            + "{\"encoding\":\"pcm16\",\"sampleRate\":16000,\"channels\":2},\"ref\":\"a1\"}");
    var stereo = client.nextEvent();
    assertError(stereo, "audio_format_unsupported");
    assertThat(stereo.get("ref").asString()).isEqualTo("a1");
    client.send("{\"type\":\"audio.start\"}");
    assertError(client.nextEvent(), "audio_format_unsupported");
    client.send(
        "{\"type\":\"audio.start\",\"endpointing\":\"sometimes\","
            + "\"format\":{\"encoding\":\"pcm16\",\"sampleRate\":16000}}");
    assertError(client.nextEvent(), "audio_format_unsupported");
    client.sendBinary(new byte[640]);
    assertError(client.nextEvent(), "audio_not_started");

    client.startAudio();
    client.sendBinary(new byte[64 * 1024]);
    assertError(client.nextEvent(), "audio_frame_too_large");
    client.sendBinary(new byte[6402]);
    assertError(client.nextEvent(), "audio_frame_too_large");
    client.sendBinary(new byte[641]);
    assertError(client.nextEvent(), "audio_frame_malformed");
    client.send("{\"type\":\"sing\"}");
    assertError(client.nextEvent(), "unknown_type");
    client.send("{\"type\":\"playback\",\"number\":\"one\"}");
    assertError(client.nextEvent(), "malformed_message");
    client.sendBinary(new byte[6400]);

    model.enqueueReply("Fair enough.");
    client.send("{\"type\":\"user.text\",\"text\":\"Sorry, my microphone.\"}");
    var received = client.until(r -> r.isEvent("reply.audio.end"), r -> r.isEvent("turn.metrics"));
    assertThat(received).noneMatch(r -> r.isEvent("error"));
    assertThat(event(received, "turn.completed").get("reply").asString()).isEqualTo("Fair enough.");
    assertThat(event(received, "reply.audio.end").get("status").asString()).isEqualTo("completed");
    var stages = event(received, "turn.metrics").get("stages");
    assertThat(stages.get("sttFinal").isNull()).isTrue();
    assertThat(stages.get("firstAudioSent").asInt()).isGreaterThanOrEqualTo(0);
  }

  // ---- helpers ----

  /**
   * Starts a typed turn whose reply's first sentence is spoken while the second is still being
   * generated, slowly; returns the first sentence's audio frames.
   */
  private List<Received> firstSentenceSpoken(Client client) throws Exception {
    var tokens = new ArrayList<String>(List.of(FIRST));
    for (var word :
        ("Tell me about the most difficult project you have ever managed and what you"
                + " learned from it when everything went wrong with the suppliers")
            .split(" ")) {
      tokens.add(" " + word);
    }
    tokens.add(".");
    // Slow enough (about 10 s) that a loaded machine still interrupts it while it is generated.
    model.tokenDelay(Duration.ofMillis(400));
    model.enqueueReply(tokens.toArray(String[]::new));

    client.send("{\"type\":\"user.text\",\"text\":\"Hello, I am here for the interview.\"}");
    // The first sentence's audio is complete once no frame came for a while (reply.delta events
    // keep coming meanwhile).
    var frames = new ArrayList<Received>();
    long quietSince = System.nanoTime();
    while (frames.isEmpty()
        ? System.nanoTime() - quietSince < 20_000_000_000L
        : System.nanoTime() - quietSince < 1_200_000_000L) {
      var next = client.poll(Duration.ofMillis(50));
      if (next == null) {
        continue;
      }
      assertThat(next.isEvent("error") || next.isEvent("turn.completed"))
          .as(String.valueOf(next.event))
          .isFalse();
      if (next.audio != null) {
        frames.add(next);
        quietSince = System.nanoTime();
      }
    }
    assertThat(frames).isNotEmpty();
    return frames;
  }

  private String startSession(String level) throws Exception {
    var response =
        api.post(
            "/api/sessions", "{\"characterId\":\"" + CHARACTER + "\",\"level\":\"" + level + "\"}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return ApiClient.json(response).get("session").get("id").asString();
  }

  private JsonNode storedTurn(String sessionId, int number) throws Exception {
    for (var turn : ApiClient.json(api.get("/api/sessions/" + sessionId + "/turns"))) {
      if (turn.get("number").asInt() == number) {
        return turn;
      }
    }
    throw new AssertionError("No stored turn " + number);
  }

  /** flite speech with 0.5 s of silence before and 2 s after, at {@code rate}. */
  private short[] speech(String text, int rate) throws Exception {
    var voice = Flite.say(text).samples();
    var padded = new short[8_000 + voice.length + 32_000];
    System.arraycopy(voice, 0, padded, 8_000, voice.length);
    return rate == 16_000 ? padded : upsample(padded, rate / 16_000.0);
  }

  /** Linear interpolation: enough for speech whose content stays below 8 kHz. */
  private static short[] upsample(short[] samples, double factor) {
    var out = new short[(int) (samples.length * factor)];
    for (int i = 0; i < out.length; i++) {
      double position = i / factor;
      int left = (int) position;
      int right = Math.min(left + 1, samples.length - 1);
      double share = position - left;
      out[i] = (short) Math.round(samples[left] * (1 - share) + samples[right] * share);
    }
    return out;
  }

  private static List<String> words(String text) {
    var said = Arrays.asList(text.toLowerCase(Locale.ROOT).split("\\W+"));
    return Arrays.stream(UTTERANCE.toLowerCase(Locale.ROOT).split("\\W+"))
        .filter(said::contains)
        .toList();
  }

  private static JsonNode event(List<Received> received, String type) {
    return find(received, r -> r.isEvent(type)).event;
  }

  private static Received find(List<Received> received, Predicate<Received> test) {
    return received.stream()
        .filter(test)
        .findFirst()
        .orElseThrow(() -> new AssertionError("Not received: " + received));
  }

  private static void assertError(JsonNode event, String code) {
    assertThat(event.get("type").asString()).as(event.toString()).isEqualTo("error");
    assertThat(event.get("code").asString()).as(event.toString()).isEqualTo(code);
    assertThat(event.get("message").asString()).isNotBlank();
  }

  private Client connect(String sessionId) throws Exception {
    var client = new Client();
    client.ws =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .header("X-Parley-Learner", learner)
            .buildAsync(URI.create("ws://localhost:" + port + "/ws/sessions/" + sessionId), client)
            .get(10, TimeUnit.SECONDS);
    clients.add(client);
    assertThat(client.nextEvent().get("type").asString()).isEqualTo("session.ready");
    return client;
  }

  /** A JSON event or a reply audio frame, in arrival order. */
  record Received(JsonNode event, byte[] audio) {

    boolean isEvent(String type) {
      return event != null && event.get("type").asString().equals(type);
    }

    String type() {
      return event.get("type").asString();
    }

    int turnNumber() {
      return ByteBuffer.wrap(audio).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
    }

    long offset() {
      return Integer.toUnsignedLong(
          ByteBuffer.wrap(audio).order(ByteOrder.LITTLE_ENDIAN).getInt(4));
    }

    int samples() {
      return (audio.length - 8) / 2;
    }
  }

  /** A client connection that queues every event and audio frame. */
  static final class Client implements WebSocket.Listener {
    final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final StringBuilder text = new StringBuilder();
    private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
    WebSocket ws;

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        received.add(new Received(ApiClient.JSON.readTree(text.toString()), null));
        text.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      var bytes = new byte[data.remaining()];
      data.get(bytes);
      binary.writeBytes(bytes);
      if (last) {
        received.add(new Received(null, binary.toByteArray()));
        binary.reset();
      }
      webSocket.request(1);
      return null;
    }

    void send(String json) throws Exception {
      ws.sendText(json, true).get(10, TimeUnit.SECONDS);
    }

    void sendBinary(byte[] data) throws Exception {
      ws.sendBinary(ByteBuffer.wrap(data), true).get(10, TimeUnit.SECONDS);
    }

    /** Sends the samples as 20 ms frames, as fast as the socket takes them. */
    void sendSpeech(short[] samples, int rate) throws Exception {
      sendSpeech(samples, rate, false);
    }

    /** In 20 ms frames; {@code paced}: one frame every 20 ms, as a microphone sends them. */
    void sendSpeech(short[] samples, int rate, boolean paced) throws Exception {
      int frame = rate / 50;
      long start = System.nanoTime();
      for (int from = 0, sent = 0; from < samples.length; from += frame, sent++) {
        var chunk = Arrays.copyOfRange(samples, from, Math.min(samples.length, from + frame));
        sendBinary(Pcm16.toBytes(chunk));
        long wait = start + (sent + 1) * 20_000_000L - System.nanoTime();
        if (paced && wait > 0) {
          Thread.sleep(Duration.ofNanos(wait));
        }
      }
    }

    Received poll(Duration timeout) throws InterruptedException {
      return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next JSON event, skipping nothing: fails on audio. */
    /** Declares 16 kHz PCM16 mono, endpointing left to its default; returns its audio.ready. */
    JsonNode startAudio() throws Exception {
      return startAudio("");
    }

    /** Declares 16 kHz PCM16 mono with the given endpointing; returns its {@code audio.ready}. */
    JsonNode startAudio(String endpointing) throws Exception {
      var field = endpointing.isEmpty() ? "" : "\"endpointing\":\"" + endpointing + "\",";
      send(
          "{\"type\":\"audio.start\","
              + field
              + "\"format\":{\"encoding\":\"pcm16\",\"sampleRate\":16000,\"channels\":1}}");
      var ready = nextEvent();
      assertThat(ready.get("type").asString()).isEqualTo("audio.ready");
      return ready;
    }

    JsonNode nextEvent() throws InterruptedException {
      var next = poll(Duration.ofSeconds(20));
      assertThat(next).as("an event within 20 s").isNotNull();
      assertThat(next.event).as("an event, not audio").isNotNull();
      return next.event;
    }

    /** Everything received until each condition has been met once. */
    @SafeVarargs
    final List<Received> until(Predicate<Received>... conditions) throws InterruptedException {
      var all = new ArrayList<Received>();
      var pending = new ArrayList<>(List.of(conditions));
      while (!pending.isEmpty()) {
        var next = poll(Duration.ofSeconds(60));
        assertThat(next).as("more after %s", all).isNotNull();
        all.add(next);
        pending.removeIf(condition -> condition.test(next));
      }
      return all;
    }
  }
}
