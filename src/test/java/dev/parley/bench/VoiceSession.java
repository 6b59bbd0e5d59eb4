package dev.parley.bench;

import dev.parley.http.WebSocket;
import dev.parley.http.WebSocketClient;
import dev.parley.http.WebSocketListener;
import dev.parley.voice.audio.AudioFormat;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One learner talking to the server over the session WebSocket: creates a session, declares 16 kHz
 * PCM16, and per turn streams an utterance in frames (20 ms by default) followed by silence until
 * {@code speech.stopped}, or, where the client marks its turns, followed by {@code speech.end};
 * then waits for the reply audio and the turn's metrics.
 */
final class VoiceSession implements AutoCloseable {

  static final String CHARACTER = "job-interview-london";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  // Parley's own blocking client: the JDK's hands each message between threads, which at 1,000
  // sessions cost the benchmark's one core more than the server's work on the same messages.
  private static final WebSocketClient WEBSOCKETS = new WebSocketClient(Duration.ofSeconds(30));
  private static final Duration EVENT_LIMIT = Duration.ofSeconds(10);
  private static final Duration SPEECH_STOP_LIMIT = Duration.ofSeconds(10);
  private static final Duration REPLY_LIMIT = Duration.ofSeconds(120);

  /** Stage names of {@code turn.metrics}, in pipeline order. */
  static final List<String> STAGES =
      List.of("sttFinal", "llmFirstToken", "firstSentence", "ttsFirstByte", "firstAudioSent");

  /**
   * What the client saw of one turn; stages are null where the server reported none. The two
   * {@link System#nanoTime()} instants bound the voice-to-voice latency.
   */
  record TurnResult(
      double voiceToVoiceMillis,
      Map<String, Double> stages,
      String transcript,
      int audioFrames,
      long stoppedAtNanos,
      long firstAudioNanos,
      long replyAudioMillis) {}

  /**
   * How the learner talks: in real time or as fast as the socket takes it, who marks the turns,
   * and the audio per frame.
   */
  record Talking(boolean fast, boolean clientEndpointing, int frameMillis) {

    static Talking of(BenchOptions options) {
      return new Talking(options.fast(), options.clientEndpointing(), options.frameMillis());
    }

    int frameSamples() {
      return AudioFormat.PIPELINE_RATE * frameMillis / 1000;
    }
  }

  /** A server event as it arrived; binary frames carry only their length. */
  private record Event(long nanos, JsonNode json, int binaryBytes) {}

  private final WebSocket socket;
  private final BlockingQueue<Event> events;
  private final Talking talking;
  private final short[] silence;

  private VoiceSession(WebSocket socket, BlockingQueue<Event> events, Talking talking) {
    this.socket = socket;
    this.events = events;
    this.talking = talking;
    this.silence = new short[talking.frameSamples()];
  }

  /** Creates a session over REST and connects its socket; does not declare audio yet. */
  static VoiceSession open(HttpClient http, int port, String level, Talking talking)
      throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return tryOpen(http, port, level, talking);
      } catch (IOException e) {
        // With a thousand sessions starting, the JDK client now and then reuses a connection the
        // server has just closed ("header parser received no bytes"): a learner would retry.
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  private static VoiceSession tryOpen(HttpClient http, int port, String level, Talking talking)
      throws IOException, InterruptedException {
    var body = JSON.writeValueAsString(Map.of("characterId", CHARACTER, "level", level));
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/sessions"))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    var response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IOException(
          "POST /api/sessions answered " + response.statusCode() + ": " + response.body());
    }
    var id = JSON.readTree(response.body()).path("session").path("id").asString();
    var events = new LinkedBlockingQueue<Event>();
    var socket =
        WEBSOCKETS.newWebSocket(
            URI.create("ws://127.0.0.1:" + port + "/ws/sessions/" + id),
            Map.of(),
            new Collector(events));
    socket.connect();
    var session = new VoiceSession(socket, events, talking);
    session.expect("session.ready", EVENT_LIMIT);
    return session;
  }

  /** Declares 16 kHz PCM16 mono; fails clearly when the server has no voice protocol. */
  void startAudio() throws IOException, InterruptedException {
    sendText(
        Map.of(
            "type",
            "audio.start",
            "endpointing",
            talking.clientEndpointing() ? "client" : "server",
            "format",
            Map.of("encoding", "pcm16", "sampleRate", 16_000, "channels", 1)));
    try {
      expect("audio.ready", EVENT_LIMIT);
    } catch (IOException e) {
      throw new IOException(
          "server does not speak the voice protocol: no audio.ready (" + e.getMessage() + ")", e);
    }
  }

  /** Speaks one utterance and waits for the whole spoken reply. */
  TurnResult turn(short[] utterance) throws IOException, InterruptedException {
    long frameNanos = TimeUnit.MILLISECONDS.toNanos(talking.frameMillis());
    long start = System.nanoTime();
    int sent = 0;
    Long stoppedAt = null;
    for (var frame : Utterances.frames(utterance, talking.frameSamples())) {
      pace(start, sent++, frameNanos);
      socket.sendBinary(frame, 0, frame.length);
      stoppedAt = drainUntilStopped();
      if (stoppedAt != null) {
        break;
      }
    }
    if (talking.clientEndpointing()) {
      // The learner's speech ends with the last frame: the client says so when it would have sent
      // the next one.
      pace(start, sent, frameNanos);
      stoppedAt = System.nanoTime();
      sendText(Map.of("type", "speech.end"));
      return awaitReply(stoppedAt);
    }
    long silenceStart = System.nanoTime();
    while (stoppedAt == null) {
      if (System.nanoTime() - silenceStart > SPEECH_STOP_LIMIT.toNanos()) {
        throw new IOException("no speech.stopped after " + SPEECH_STOP_LIMIT + " of silence");
      }
      pace(start, sent++, frameNanos);
      socket.sendBinary(silence, 0, silence.length);
      stoppedAt = drainUntilStopped();
    }
    return awaitReply(stoppedAt);
  }

  private TurnResult awaitReply(long stoppedAt) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + REPLY_LIMIT.toNanos();
    Long firstAudio = null;
    String transcript = null;
    Map<String, Double> stages = null;
    boolean ended = false;
    long replyAudioMillis = 0;
    int frames = 0;
    while (!(ended && stages != null)) {
      var event = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (event == null) {
        throw new IOException(
            "turn incomplete after "
                + REPLY_LIMIT
                + ": "
                + (firstAudio == null
                    ? "no reply audio"
                    : ended ? "no turn.metrics" : "no reply.audio.end"));
      }
      if (event.json() == null) {
        frames++;
        if (firstAudio == null) {
          firstAudio = event.nanos();
        }
        continue;
      }
      var json = event.json();
      switch (json.path("type").asString()) {
        case "transcript.final" -> {
          transcript = json.path("text").asString();
          if (transcript.isBlank()) {
            throw new IOException("the recogniser heard nothing (empty transcript.final)");
          }
        }
        case "reply.audio.end" -> {
          ended = true;
          replyAudioMillis = json.path("durationMs").asLong();
        }
        case "turn.metrics" -> stages = stages(json.path("stages"));
        case "error" ->
            throw new IOException(
                "server error "
                    + json.path("code").asString()
                    + ": "
                    + json.path("message").asString());
        default -> {
          // turn.started, reply.delta, turn.completed, reply.audio.start: not timed here.
        }
      }
    }
    if (firstAudio == null) {
      throw new IOException("reply.audio.end without any reply audio");
    }
    return new TurnResult(
        (firstAudio - stoppedAt) / 1e6,
        stages,
        transcript,
        frames,
        stoppedAt,
        firstAudio,
        replyAudioMillis);
  }

  /** Waits until the reply of {@code turn} has played to its end, as a learner hears it out. */
  void listen(TurnResult turn) {
    long end = turn.firstAudioNanos() + TimeUnit.MILLISECONDS.toNanos(turn.replyAudioMillis());
    long wait = end - System.nanoTime();
    if (wait > 0) {
      LockSupport.parkNanos(wait);
    }
  }

  private static Map<String, Double> stages(JsonNode node) {
    var stages = new LinkedHashMap<String, Double>();
    for (var stage : STAGES) {
      var value = node.get(stage);
      stages.put(stage, value == null || value.isNull() ? null : value.asDouble());
    }
    return stages;
  }

  /** Consumes events that arrived while talking; returns when speech.stopped arrived, if it did. */
  private Long drainUntilStopped() throws IOException {
    for (var event = events.poll(); event != null; event = events.poll()) {
      if (event.json() == null) {
        continue;
      }
      switch (event.json().path("type").asString()) {
        case "speech.stopped" -> {
          return event.nanos();
        }
        case "error" ->
            throw new IOException(
                "server error while talking: "
                    + event.json().path("code").asString()
                    + ": "
                    + event.json().path("message").asString());
        default -> {
          // speech.started, transcript.partial.
        }
      }
    }
    return null;
  }

  private void pace(long start, int frame, long frameNanos) {
    if (talking.fast()) {
      return;
    }
    long due = start + frame * frameNanos;
    long wait = due - System.nanoTime();
    if (wait > 0) {
      LockSupport.parkNanos(wait);
    }
  }

  private void expect(String type, Duration limit) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      var event = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (event == null) {
        throw new IOException("no " + type + " within " + limit);
      }
      if (event.json() == null) {
        continue;
      }
      var got = event.json().path("type").asString();
      if (got.equals(type)) {
        return;
      }
      if (got.equals("error")) {
        throw new IOException(
            "error "
                + event.json().path("code").asString()
                + " instead of "
                + type
                + ": "
                + event.json().path("message").asString());
      }
    }
  }

  private void sendText(Object event) throws IOException {
    socket.sendText(JSON.writeValueAsString(event));
  }

  @Override
  public void close() {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    } catch (IOException e) {
      socket.abort();
    }
  }

  /** Turns socket callbacks into events, stamping each message as it arrives. */
  private record Collector(BlockingQueue<Event> events) implements WebSocketListener {

    @Override
    public void onText(WebSocket socket, String text) {
      long arrived = System.nanoTime();
      events.add(new Event(arrived, JSON.readTree(text), 0));
    }

    @Override
    public void onBinary(WebSocket socket, ByteBuffer data) {
      events.add(new Event(System.nanoTime(), null, data.remaining()));
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason) {
      failed("closed", code + " " + reason);
    }

    @Override
    public void onError(WebSocket socket, IOException error) {
      failed("socket", String.valueOf(error));
    }

    private void failed(String code, String message) {
      var json =
          JSON.createObjectNode().put("type", "error").put("code", code).put("message", message);
      events.add(new Event(System.nanoTime(), json, 0));
    }
  }
}
