package dev.parley.voice.stt.cloud;

import dev.parley.http.WebSocket;
import dev.parley.http.WebSocketClient;
import dev.parley.http.WebSocketListener;
import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import dev.parley.voice.audio.AudioFormat;
import dev.parley.voice.stt.Transcript;
import dev.parley.voice.stt.TranscriptListener;
import dev.parley.voice.stt.Transcription;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One utterance on one Deepgram socket. Audio is accepted at once: until the handshake is done it
 * waits in memory, so nothing said while connecting is lost; after that each frame is written by
 * the thread that hands it over. Audio goes out in frames of {@link #BATCH_SAMPLES}, not one per
 * call: each send costs a WebSocket frame and a syscall whatever its size, and the turn detector
 * hands over 32 ms at a time. {@link #finish()} sends {@code Finalize} and {@code CloseStream}; the
 * final transcript is every finalized segment once Deepgram's closing {@code Metadata} (or the
 * close itself) arrives.
 */
final class DeepgramTranscription implements Transcription, WebSocketListener {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Audio that may wait for the socket: 30 s, far beyond any connect timeout. */
  private static final long MAX_PENDING_BYTES = AudioFormat.PIPELINE.bytesFor(30_000);

  /**
   * 96 ms (three of the turn detector's frames): a third of the sends, within Deepgram's advice of
   * 20 to 100 ms per frame. {@link #finish()} sends what is left at once, so the final transcript
   * never waits for a batch; only partials may come up to 64 ms later.
   */
  static final int BATCH_SAMPLES = 1_536;

  private static final Duration CLOSE_FRAME_GRACE = Duration.ofMillis(250);

  /** Deepgram closes a socket that hears nothing for 10 s. */
  private static final Duration KEEP_ALIVE_EVERY = Duration.ofSeconds(4);

  /** A frame that waits for the handshake: audio or a control message. */
  private record Pending(short[] audio, String text) {}

  private final GuardedListener listener;
  private final ProviderErrors errors;
  private final boolean partials;
  private final Duration timeout;
  private WebSocket socket;

  // Guarded by sendLock: sends are written in order, whichever thread makes them.
  private final ReentrantLock sendLock = new ReentrantLock();
  private boolean connected;
  private boolean sendFailed;
  private final List<Pending> pending = new ArrayList<>();
  private long pendingBytes;
  private long samplesAccepted;
  private final short[] batch = new short[BATCH_SAMPLES];
  private int batched;
  private volatile long lastSendNanos = System.nanoTime();
  private volatile long writingSinceNanos;
  private volatile boolean finishing;

  // Only touched by the socket's reader thread.
  private final List<String> finalSegments = new ArrayList<>();
  private double confidenceSum;
  private int confidenceCount;
  private String lastPartial = "";

  private DeepgramTranscription(
      GuardedListener listener, ProviderErrors errors, boolean partials, Duration timeout) {
    this.listener = listener;
    this.errors = errors;
    this.partials = partials;
    this.timeout = timeout;
  }

  static DeepgramTranscription connect(
      WebSocketClient client,
      URI uri,
      DeepgramProperties properties,
      ProviderErrors errors,
      boolean partials,
      TranscriptListener listener) {
    var transcription =
        new DeepgramTranscription(
            new GuardedListener(listener), errors, partials, properties.timeout());
    transcription.socket =
        client.newWebSocket(
            uri, Map.of("Authorization", "Token " + properties.apiKey()), transcription);
    Thread.ofVirtual().name("deepgram-connect").start(transcription::open);
    return transcription;
  }

  /** Connects, then sends what waited for the handshake, in order. */
  private void open() {
    try {
      socket.connect();
    } catch (IOException e) {
      listener.fail(errors.forFailure(e));
      return;
    }
    sendLock.lock();
    try {
      connected = true;
      for (var frame : pending) {
        write(frame.audio(), frame.audio() == null ? 0 : frame.audio().length, frame.text());
      }
      pending.clear();
      pendingBytes = 0;
    } finally {
      sendLock.unlock();
    }
    if (listener.isClosed()) {
      socket.abort();
    } else {
      scheduleKeepAlive();
    }
  }

  @Override
  public void accept(short[] samples) {
    if (finishing || listener.isClosed() || samples.length == 0) {
      return;
    }
    sendLock.lock();
    try {
      if (pendingBytes + batched * 2L + samples.length * 2L <= MAX_PENDING_BYTES) {
        samplesAccepted += samples.length;
        for (int at = 0; at < samples.length; ) {
          int take = Math.min(samples.length - at, BATCH_SAMPLES - batched);
          System.arraycopy(samples, at, batch, batched, take);
          batched += take;
          at += take;
          if (batched == BATCH_SAMPLES) {
            flush();
          }
        }
        return;
      }
    } finally {
      sendLock.unlock();
    }
    fail(
        new VoiceException(
            VoiceErrorCode.PROVIDER_UNAVAILABLE,
            "Deepgram is not taking audio as fast as it arrives (over %d bytes waiting)."
                .formatted(MAX_PENDING_BYTES)));
  }

  /** Sends the audio batched so far; the caller holds {@link #sendLock}. */
  private void flush() {
    if (batched == 0) {
      return;
    }
    if (connected) {
      write(batch, batched, null);
    } else {
      pending.add(new Pending(Arrays.copyOf(batch, batched), null));
      pendingBytes += batched * 2L;
    }
    batched = 0;
  }

  /** Sends a control message after the audio before it; the caller holds {@link #sendLock}. */
  private void sendText(String text) {
    if (connected) {
      write(null, 0, text);
    } else {
      pending.add(new Pending(null, text));
    }
  }

  /**
   * Writes one frame on the calling thread; the caller holds {@link #sendLock}. A failed write is
   * reported a little later: it fails when Deepgram closed the socket, and its close frame, which
   * says why, may still be on its way.
   */
  private void write(short[] audio, int samples, String text) {
    if (sendFailed) {
      return;
    }
    writingSinceNanos = System.nanoTime();
    try {
      if (audio != null) {
        socket.sendBinary(audio, 0, samples);
      } else {
        socket.sendText(text);
      }
    } catch (IOException e) {
      sendFailed = true;
      CompletableFuture.delayedExecutor(CLOSE_FRAME_GRACE.toMillis(), TimeUnit.MILLISECONDS)
          .execute(() -> fail(errors.forFailure(e)));
    } finally {
      writingSinceNanos = 0;
      lastSendNanos = System.nanoTime();
    }
  }

  @Override
  public void finish() {
    if (finishing || listener.isClosed()) {
      return;
    }
    finishing = true;
    sendLock.lock();
    try {
      flush();
      sendText("{\"type\":\"Finalize\"}");
      sendText("{\"type\":\"CloseStream\"}");
    } finally {
      sendLock.unlock();
    }
    CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .execute(
            () -> {
              if (!listener.isClosed()) {
                fail(errors.timeout("the final transcript"));
              }
            });
  }

  @Override
  public void cancel() {
    listener.close();
    abort();
  }

  private void fail(VoiceException error) {
    listener.fail(error);
    abort();
  }

  private void abort() {
    socket.abort();
  }

  private void scheduleKeepAlive() {
    CompletableFuture.delayedExecutor(KEEP_ALIVE_EVERY.toMillis(), TimeUnit.MILLISECONDS)
        .execute(
            () -> {
              if (listener.isClosed()) {
                return;
              }
              long writingSince = writingSinceNanos;
              if (writingSince != 0 && System.nanoTime() - writingSince > timeout.toNanos()) {
                // The socket's send buffer stayed full: Deepgram stopped reading. The abort
                // frees the thread blocked in the write.
                fail(
                    new VoiceException(
                        VoiceErrorCode.PROVIDER_UNAVAILABLE,
                        "Deepgram is not taking audio as fast as it arrives (a send blocked"
                            + " for over %s).".formatted(timeout)));
                return;
              }
              if (writingSince == 0
                  && System.nanoTime() - lastSendNanos >= KEEP_ALIVE_EVERY.toNanos() / 2) {
                sendLock.lock();
                try {
                  // A pause in the audio: what was batched before it is news to Deepgram.
                  flush();
                  sendText("{\"type\":\"KeepAlive\"}");
                } finally {
                  sendLock.unlock();
                }
              }
              scheduleKeepAlive();
            });
  }

  @Override
  public void onText(WebSocket webSocket, String text) {
    handle(text);
  }

  @Override
  public void onClose(WebSocket webSocket, int statusCode, String reason) {
    if (finishing && statusCode == WebSocket.NORMAL_CLOSURE) {
      complete();
    } else {
      listener.fail(closedEarly(statusCode, reason));
    }
  }

  /** Deepgram reports stream errors in the close frame: DATA-* (1008) and NET-* (1011) reasons. */
  private static VoiceException closedEarly(int statusCode, String reason) {
    var code =
        statusCode == 1008
            ? VoiceErrorCode.BAD_AUDIO
            : reason.contains("NET-0001")
                ? VoiceErrorCode.TIMEOUT
                : statusCode == 1011
                    ? VoiceErrorCode.PROVIDER_UNAVAILABLE
                    : VoiceErrorCode.PROVIDER_ERROR;
    return new VoiceException(
        code, "Deepgram closed the stream early (%d %s).".formatted(statusCode, reason));
  }

  @Override
  public void onError(WebSocket webSocket, IOException error) {
    listener.fail(errors.forFailure(error));
  }

  private void handle(String text) {
    JsonNode json;
    try {
      json = JSON.readTree(text);
    } catch (JacksonException e) {
      fail(new VoiceException(VoiceErrorCode.PROVIDER_ERROR, "Deepgram sent malformed JSON.", e));
      return;
    }
    switch (json.path("type").asString("")) {
      case "Results" -> results(json);
      case "Metadata" -> {
        if (finishing) {
          complete();
        }
      }
      default -> {
        // SpeechStarted, UtteranceEnd and future events carry nothing the transcript needs.
      }
    }
  }

  private void results(JsonNode json) {
    var alternative = json.path("channel").path("alternatives").path(0);
    var transcript = alternative.path("transcript").asString("").strip();
    boolean isFinal = json.path("is_final").asBoolean(false);
    if (isFinal && !transcript.isEmpty()) {
      finalSegments.add(transcript);
      confidenceSum += alternative.path("confidence").asDouble(0);
      confidenceCount++;
    }
    if (!partials) {
      return;
    }
    var words = new ArrayList<>(finalSegments);
    if (!isFinal && !transcript.isEmpty()) {
      words.add(transcript);
    }
    var utterance = String.join(" ", words);
    if (!utterance.isEmpty() && !utterance.equals(lastPartial)) {
      lastPartial = utterance;
      listener.partial(utterance);
    }
  }

  private void complete() {
    long samples;
    sendLock.lock();
    try {
      samples = samplesAccepted;
    } finally {
      sendLock.unlock();
    }
    listener.complete(
        new Transcript(
            String.join(" ", finalSegments),
            confidenceCount == 0 ? -1 : confidenceSum / confidenceCount,
            Math.round(AudioFormat.PIPELINE.millisOf(samples))));
    abort();
  }
}
