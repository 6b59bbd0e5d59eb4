package dev.parley.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deepgram's live transcription protocol ({@code GET /v1/listen} upgraded to a WebSocket) on
 * loopback, over a minimal RFC 6455 server. It takes binary PCM16 frames and the JSON control
 * messages ({@code KeepAlive}, {@code Finalize}, {@code CloseStream}), and answers with scripted
 * {@code Results}: the words of each scripted segment as growing interim results, one per {@link
 * #resultEvery(Duration)} of audio received, then the segment as a final result. {@code Finalize}
 * flushes the segments not yet final; {@code CloseStream} sends {@code Metadata} and closes.
 */
public final class FakeDeepgramServer implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final int BYTES_PER_SECOND = 32_000;

  /** What one connection sent: its handshake, audio and control messages. */
  public static final class RecordedSession {
    private final String path;
    private final Map<String, String> query;
    private final Map<String, String> headers;
    private final ByteArrayOutputStream audio = new ByteArrayOutputStream();
    private long audioBytes;
    private int audioFrames;
    private final List<Integer> audioFrameBytes = new ArrayList<>();
    private final List<String> controlMessages = new CopyOnWriteArrayList<>();
    private volatile boolean closedByClient;

    RecordedSession(String path, Map<String, String> query, Map<String, String> headers) {
      this.path = path;
      this.query = query;
      this.headers = headers;
    }

    public String path() {
      return path;
    }

    public Map<String, String> query() {
      return query;
    }

    /** A handshake header, case-insensitively. */
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public synchronized byte[] audio() {
      return audio.toByteArray();
    }

    public synchronized long audioBytes() {
      return audioBytes;
    }

    /** How many binary frames the audio came in. */
    public synchronized int audioFrames() {
      return audioFrames;
    }

    /** The size of each binary frame, in bytes, when the audio is kept. */
    public synchronized List<Integer> audioFrameBytes() {
      return List.copyOf(audioFrameBytes);
    }

    public double audioSeconds() {
      return audioBytes() / (double) BYTES_PER_SECOND;
    }

    /** The {@code type} of each JSON message the client sent, in order. */
    public List<String> controlMessages() {
      return List.copyOf(controlMessages);
    }

    /** Whether the client sent a close frame or hung up before the server closed. */
    public boolean closedByClient() {
      return closedByClient;
    }

    synchronized void addAudio(byte[] bytes, boolean keep) {
      audioBytes += bytes.length;
      audioFrames++;
      if (keep) {
        audio.writeBytes(bytes);
        audioFrameBytes.add(bytes.length);
      }
    }
  }

  private sealed interface Step {}

  private record Transcript(List<String> segments) implements Step {}

  private record Failure(int status) implements Step {}

  /** Closes the stream with this code and reason at the first audio, as Deepgram's errors do. */
  private record Closing(int code, String reason) implements Step {}

  /** Takes audio but never answers Finalize or CloseStream. */
  private record Silent() implements Step {}

  /** Stops reading after the handshake. */
  private record Stalled() implements Step {}

  private final ServerSocket server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private final Deque<Step> script = new ArrayDeque<>();
  private final List<RecordedSession> sessions = new CopyOnWriteArrayList<>();
  private volatile boolean keepRequests = true;
  private volatile Duration resultEvery = Duration.ofMillis(200);
  private volatile Duration handshakeDelay = Duration.ZERO;
  private volatile Duration finalizeDelay = Duration.ZERO;
  private volatile List<String> defaultTranscript = List.of("Hello there.");
  private volatile boolean keepAudio = true;

  private FakeDeepgramServer() throws IOException {
    // A deep backlog for the connection bursts of a benchmark with a thousand sessions.
    server = new ServerSocket(0, 1_024, InetAddress.getLoopbackAddress());
    executor.execute(this::acceptLoop);
  }

  public static FakeDeepgramServer start() {
    try {
      return new FakeDeepgramServer();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start a loopback WebSocket server", e);
    }
  }

  /** As {@code parley.voice.stt.deepgram.base-url} expects it: {@code ws://127.0.0.1:port/v1}. */
  public String baseUrl() {
    return "ws://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort() + "/v1";
  }

  /** The next connection transcribes these segments (each final on its own); none is silence. */
  public synchronized FakeDeepgramServer enqueueTranscript(String... segments) {
    script.add(
        new Transcript(
            Arrays.stream(segments).filter(s -> !s.isBlank()).map(String::strip).toList()));
    return this;
  }

  /** The next handshake is refused with this HTTP status and a Deepgram error body. */
  public synchronized FakeDeepgramServer enqueueFailure(int httpStatus) {
    script.add(new Failure(httpStatus));
    return this;
  }

  /**
   * The next connection is closed at its first audio frame with this close code and reason, e.g.
   * {@code 1011} and {@code "NET-0000: internal server error"}.
   */
  public synchronized FakeDeepgramServer enqueueStreamError(int closeCode, String reason) {
    script.add(new Closing(closeCode, reason));
    return this;
  }

  /**
   * The next connection stops reading after the handshake, as a stuck vendor or network would: the
   * client's writes block once the socket buffers are full.
   */
  public synchronized FakeDeepgramServer enqueueStall() {
    script.add(new Stalled());
    return this;
  }

  /** The next connection takes audio but never sends a final result. */
  public synchronized FakeDeepgramServer enqueueSilence() {
    script.add(new Silent());
    return this;
  }

  /** How much audio the server hears before sending each scripted interim or final result. */
  public FakeDeepgramServer resultEvery(Duration audio) {
    resultEvery = audio;
    return this;
  }

  /** Holds every handshake this long, as a slow network would. */
  public FakeDeepgramServer handshakeDelay(Duration delay) {
    handshakeDelay = delay;
    return this;
  }

  /**
   * Holds the answer to the first {@code Finalize} or {@code CloseStream} after new audio this
   * long: the vendor's time from the end of the audio to the final transcript.
   */
  public FakeDeepgramServer finalizeDelay(Duration delay) {
    finalizeDelay = delay;
    return this;
  }

  /** What connections transcribe when nothing is enqueued. */
  public FakeDeepgramServer defaultTranscript(String... segments) {
    defaultTranscript = List.of(segments);
    return this;
  }

  /**
   * Whether sessions keep the audio they received ({@link RecordedSession#audio()}); a long
   * benchmark turns it off so memory stays flat. Byte counts are kept either way.
   */
  public FakeDeepgramServer keepAudio(boolean keep) {
    keepAudio = keep;
    return this;
  }

  /** Forgets the script, the recorded sessions and the pacing. */
  public synchronized void reset() {
    script.clear();
    sessions.clear();
    resultEvery = Duration.ofMillis(200);
    handshakeDelay = Duration.ZERO;
    finalizeDelay = Duration.ZERO;
    defaultTranscript = List.of("Hello there.");
    keepAudio = true;
    keepRequests = true;
  }

  /**
   * Whether to record what arrives for {@code sessions()} (the default). A
   * benchmark's thousands of requests would otherwise pile up in memory.
   */
  public void keepRequests(boolean keep) {
    keepRequests = keep;
  }

  public List<RecordedSession> sessions() {
    return List.copyOf(sessions);
  }

  public RecordedSession lastSession() {
    return sessions.isEmpty() ? null : sessions.getLast();
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // Closing anyway.
    }
    connections.forEach(FakeDeepgramServer::closeQuietly);
    executor.shutdownNow();
  }

  private synchronized Step nextStep() {
    return script.isEmpty() ? new Transcript(defaultTranscript) : script.poll();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        var socket = server.accept();
        socket.setTcpNoDelay(true);
        connections.add(socket);
        executor.execute(() -> serve(socket));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      var in = new BufferedInputStream(socket.getInputStream());
      var out = socket.getOutputStream();
      var requestLines = readHttpHead(in);
      var target = URI.create(requestLines.getFirst().split(" ")[1]);
      var headers = new LinkedHashMap<String, String>();
      for (var line : requestLines.subList(1, requestLines.size())) {
        int colon = line.indexOf(':');
        headers.put(
            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim());
      }
      var session =
          new RecordedSession(target.getPath(), parseQuery(target.getRawQuery()), headers);
      if (keepRequests) {
        sessions.add(session);
      }
      if (!handshakeDelay.isZero()) {
        Thread.sleep(handshakeDelay);
      }
      var step = nextStep();
      if (step instanceof Failure failure) {
        refuse(out, failure.status());
        return;
      }
      accept(out, headers.get("sec-websocket-key"));
      if (step instanceof Stalled) {
        while (!socket.isClosed()) {
          Thread.sleep(50);
        }
        return;
      }
      new Conversation(session, in, out, step).run();
    } catch (IOException e) {
      // The client went away.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      connections.remove(socket);
    }
  }

  /** One accepted socket: reads client frames and answers as the script says. */
  private final class Conversation {
    private final RecordedSession session;
    private final InputStream in;
    private final OutputStream out;
    private final boolean silent;
    private final Closing closing;
    private final Deque<Message> pending = new ArrayDeque<>();
    private final String requestId = UUID.randomUUID().toString();
    private long bytesAtLastResult;
    private long bytesAtLastFinalize;
    private double secondsFinalized;

    private record Message(String text, boolean isFinal) {}

    Conversation(RecordedSession session, InputStream in, OutputStream out, Step step) {
      this.session = session;
      this.in = in;
      this.out = out;
      this.silent = step instanceof Silent;
      this.closing = step instanceof Closing c ? c : null;
      if (step instanceof Transcript transcript) {
        for (var segment : transcript.segments()) {
          var words = segment.split("\\s+");
          for (int i = 1; i < words.length; i++) {
            pending.add(new Message(String.join(" ", Arrays.copyOf(words, i)), false));
          }
          pending.add(new Message(segment, true));
        }
      }
    }

    void run() throws IOException {
      var message = new ByteArrayOutputStream();
      int messageOpcode = 0;
      while (true) {
        int first = in.read();
        if (first < 0) {
          session.closedByClient = true;
          return;
        }
        boolean fin = (first & 0x80) != 0;
        int opcode = first & 0x0f;
        var payload = readPayload();
        if (opcode >= 0x8) {
          if (opcode == 0x8) {
            session.closedByClient = true;
            writeFrame(0x8, payload.length >= 2 ? Arrays.copyOf(payload, 2) : new byte[0]);
            return;
          }
          if (opcode == 0x9) {
            writeFrame(0xA, payload);
          }
          continue;
        }
        if (opcode != 0) {
          messageOpcode = opcode;
        }
        message.writeBytes(payload);
        if (!fin) {
          continue;
        }
        var bytes = message.toByteArray();
        message.reset();
        if (messageOpcode == 0x2 && closing != null) {
          closeWithError();
          return;
        }
        if (messageOpcode == 0x2) {
          onAudio(bytes);
        } else if (!onControl(new String(bytes, StandardCharsets.UTF_8))) {
          return;
        }
      }
    }

    private void closeWithError() throws IOException {
      var reason = closing.reason().getBytes(StandardCharsets.UTF_8);
      var payload = new byte[2 + reason.length];
      payload[0] = (byte) (closing.code() >> 8);
      payload[1] = (byte) closing.code();
      System.arraycopy(reason, 0, payload, 2, reason.length);
      writeFrame(0x8, payload);
    }

    private byte[] readPayload() throws IOException {
      int second = in.read();
      if (second < 0) {
        throw new EOFException();
      }
      if ((second & 0x80) == 0) {
        throw new IOException("RFC 6455 5.1: client frames must be masked");
      }
      long length = second & 0x7f;
      if (length == 126) {
        length = ((long) in.read() << 8) | in.read();
      } else if (length == 127) {
        length = 0;
        for (int i = 0; i < 8; i++) {
          length = (length << 8) | in.read();
        }
      }
      var mask = in.readNBytes(4);
      var payload = in.readNBytes((int) length);
      if (payload.length != length) {
        throw new EOFException();
      }
      for (int i = 0; i < payload.length; i++) {
        payload[i] ^= mask[i % 4];
      }
      return payload;
    }

    private void onAudio(byte[] bytes) throws IOException {
      session.addAudio(bytes, keepAudio);
      long every = Math.max(2, resultEvery.toMillis() * BYTES_PER_SECOND / 1000);
      while (session.audioBytes() - bytesAtLastResult >= every && !pending.isEmpty()) {
        bytesAtLastResult += every;
        var next = pending.poll();
        sendResults(next.text(), next.isFinal(), false);
      }
    }

    /** Returns false once the stream is closed. */
    private boolean onControl(String text) throws IOException {
      var type = JSON.readTree(text).path("type").asString("");
      session.controlMessages.add(type);
      if (silent) {
        return true;
      }
      switch (type) {
        case "Finalize" -> {
          long received = System.nanoTime();
          ProviderMarks.mark(ProviderMarks.STT_FINALIZE, received);
          var finals = finalizeSegments();
          if (pauseBeforeFinals(received)) {
            ProviderMarks.late(ProviderMarks.STT_FINAL, received + finalizeDelay.toNanos());
          }
          ProviderMarks.mark(ProviderMarks.STT_FINAL);
          sendAll(finals);
        }
        case "CloseStream" -> {
          long received = System.nanoTime();
          var finals = finalizeSegments();
          pauseBeforeFinals(received);
          sendAll(finals);
          sendText(
              json(
                  obj(
                      "type",
                      "Metadata",
                      "transaction_key",
                      "deprecated",
                      "request_id",
                      requestId,
                      "sha256",
                      "0".repeat(64),
                      "created",
                      "2026-01-01T00:00:00.000Z",
                      "duration",
                      session.audioSeconds(),
                      "channels",
                      1)));
          writeFrame(0x8, new byte[] {0x03, (byte) 0xe8});
          return false;
        }
        default -> {
          // KeepAlive only keeps the socket open.
        }
      }
      return true;
    }

    /**
     * Once per stretch of audio: {@code CloseStream} right after {@code Finalize} adds none. The
     * delay counts from the message's arrival, not from the end of the fake's own work.
     */
    /** Whether it paused: only for audio not yet finalized. */
    private boolean pauseBeforeFinals(long received) throws IOException {
      long heard = session.audioBytes();
      if (finalizeDelay.isZero() || heard == bytesAtLastFinalize) {
        return false;
      }
      bytesAtLastFinalize = heard;
      try {
        Delays.sleepUntil(received + finalizeDelay.toNanos());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted while holding the final transcript", e);
      }
      return true;
    }

    /** Interim results still pending are dropped: Finalize turns what was heard into finals. */
    /** The final results, made before the delay so that making them is not counted in it. */
    private List<String> finalizeSegments() {
      var finals = pending.stream().filter(Message::isFinal).toList();
      pending.clear();
      if (finals.isEmpty()) {
        return List.of(results("", true, true));
      }
      var messages = new ArrayList<String>();
      for (int i = 0; i < finals.size(); i++) {
        messages.add(results(finals.get(i).text(), true, i == finals.size() - 1));
      }
      return messages;
    }

    private void sendAll(List<String> messages) throws IOException {
      for (var message : messages) {
        sendText(message);
      }
    }

    private void sendResults(String transcript, boolean isFinal, boolean fromFinalize)
        throws IOException {
      sendText(results(transcript, isFinal, fromFinalize));
    }

    private String results(String transcript, boolean isFinal, boolean fromFinalize) {
      double end = session.audioSeconds();
      var results =
          obj(
              "type",
              "Results",
              "channel_index",
              List.of(0, 1),
              "duration",
              end - secondsFinalized,
              "start",
              secondsFinalized,
              "is_final",
              isFinal,
              "speech_final",
              isFinal,
              "channel",
              obj(
                  "alternatives",
                  List.of(obj("transcript", transcript, "confidence", 0.98, "words", List.of()))),
              "metadata",
              obj(
                  "request_id",
                  requestId,
                  "model_info",
                  obj("name", "general-nova-3", "version", "fake", "arch", "nova-3"),
                  "model_uuid",
                  "00000000-0000-0000-0000-000000000000"));
      if (fromFinalize) {
        results.put("from_finalize", true);
      }
      if (isFinal) {
        secondsFinalized = end;
      }
      return json(results);
    }

    private void sendText(String text) throws IOException {
      writeFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** One write per frame: a byte per write would cost a segment per byte (and Nagle's wait). */
    private void writeFrame(int opcode, byte[] payload) throws IOException {
      var frame = new ByteArrayOutputStream(payload.length + 10);
      frame.write(0x80 | opcode);
      if (payload.length < 126) {
        frame.write(payload.length);
      } else if (payload.length < 65_536) {
        frame.write(126);
        frame.write(payload.length >> 8);
        frame.write(payload.length & 0xff);
      } else {
        frame.write(127);
        for (int shift = 56; shift >= 0; shift -= 8) {
          frame.write((int) ((long) payload.length >> shift) & 0xff);
        }
      }
      frame.write(payload);
      synchronized (out) {
        frame.writeTo(out);
        out.flush();
      }
    }
  }

  private static List<String> readHttpHead(InputStream in) throws IOException {
    var lines = new ArrayList<String>();
    var line = new ByteArrayOutputStream();
    int previous = -1;
    for (int b = in.read(); b >= 0; b = in.read()) {
      if (previous == '\r' && b == '\n') {
        var text = line.toString(StandardCharsets.ISO_8859_1);
        line.reset();
        if (text.isEmpty()) {
          return lines;
        }
        lines.add(text);
      } else if (b != '\r') {
        line.write(b);
      }
      previous = b;
    }
    throw new EOFException("Connection closed during the handshake");
  }

  private static Map<String, String> parseQuery(String rawQuery) {
    var query = new LinkedHashMap<String, String>();
    if (rawQuery == null) {
      return query;
    }
    for (var pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      var name = equals < 0 ? pair : pair.substring(0, equals);
      var value = equals < 0 ? "" : pair.substring(equals + 1);
      query.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return query;
  }

  private static void accept(OutputStream out, String key) throws IOException {
    if (key == null) {
      refuse(out, 400);
      throw new EOFException("Not a WebSocket handshake");
    }
    String accept;
    try {
      var sha1 =
          MessageDigest.getInstance("SHA-1")
              .digest((key + WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII));
      accept = Base64.getEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    out.write(
        ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: "
                + accept
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** Deepgram answers a refused handshake with a JSON error body. */
  private static void refuse(OutputStream out, int status) throws IOException {
    var code = status == 401 ? "INVALID_AUTH" : status == 429 ? "TOO_MANY_REQUESTS" : "INTERNAL";
    var body =
        json(obj(
                "err_code",
                code,
                "err_msg",
                "Fake failure " + status,
                "request_id",
                UUID.randomUUID().toString()))
            .getBytes(StandardCharsets.UTF_8);
    out.write(
        ("HTTP/1.1 "
                + status
                + " Fake\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length
                + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
  }

  private static String json(Object value) {
    return JSON.writeValueAsString(value);
  }

  private static Map<String, Object> obj(Object... keysAndValues) {
    var map = new LinkedHashMap<String, Object>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing anyway.
    }
  }
}
