package dev.parley.voice.stt.cloud;

import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import dev.parley.voice.audio.AudioFormat;
import dev.parley.voice.stt.Transcript;
import dev.parley.voice.stt.TranscriptListener;
import dev.parley.voice.stt.Transcription;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One utterance on one Deepgram socket. Audio is accepted at once: frames queue behind the
 * handshake and each other (the JDK socket allows one outstanding send), so nothing said while
 * connecting is lost. Audio goes out in frames of {@link #BATCH_SAMPLES}, not one per call: each
 * send costs a WebSocket frame, a syscall and a chain of futures whatever its size, and the turn
 * detector hands over 32 ms at a time. {@link #finish()} sends {@code Finalize} and {@code
 * CloseStream}; the final transcript is every finalized segment once Deepgram's closing {@code
 * Metadata} (or the close itself) arrives.
 */
final class DeepgramTranscription implements Transcription, WebSocket.Listener {

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

  private final GuardedListener listener;
  private final ProviderErrors errors;
  private final boolean partials;
  private final Duration timeout;
  private final CompletableFuture<WebSocket> socket = new CompletableFuture<>();

  private final Object sendLock = new Object();
  private CompletableFuture<WebSocket> sends = socket;
  private long pendingBytes;
  private long samplesAccepted;
  private byte[] batchBytes = new byte[BATCH_SAMPLES * 2];
  private ShortBuffer batch = newBatch();
  private volatile long lastSendNanos = System.nanoTime();
  private volatile boolean finishing;

  // Only touched by the socket's listener calls, which the JDK makes one at a time.
  private final StringBuilder message = new StringBuilder();
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
      HttpClient http,
      URI uri,
      DeepgramProperties properties,
      ProviderErrors errors,
      boolean partials,
      TranscriptListener listener) {
    var transcription =
        new DeepgramTranscription(
            new GuardedListener(listener), errors, partials, properties.timeout());
    http.newWebSocketBuilder()
        .connectTimeout(properties.timeout())
        .header("Authorization", "Token " + properties.apiKey())
        .buildAsync(uri, transcription)
        .whenComplete(transcription::connected);
    return transcription;
  }

  private void connected(WebSocket webSocket, Throwable error) {
    if (error != null) {
      listener.fail(errors.forFailure(error));
      socket.completeExceptionally(error);
      return;
    }
    socket.complete(webSocket);
    if (listener.isClosed()) {
      webSocket.abort();
    } else {
      scheduleKeepAlive();
    }
  }

  @Override
  public void accept(short[] samples) {
    if (finishing || listener.isClosed() || samples.length == 0) {
      return;
    }
    synchronized (sendLock) {
      if (pendingBytes + batch.position() * 2L + samples.length * 2L <= MAX_PENDING_BYTES) {
        samplesAccepted += samples.length;
        for (int at = 0; at < samples.length; ) {
          int take = Math.min(samples.length - at, batch.remaining());
          batch.put(samples, at, take);
          at += take;
          if (!batch.hasRemaining()) {
            flush();
          }
        }
        return;
      }
    }
    fail(
        new VoiceException(
            VoiceErrorCode.PROVIDER_UNAVAILABLE,
            "Deepgram is not taking audio as fast as it arrives (over %d bytes waiting)."
                .formatted(MAX_PENDING_BYTES)));
  }

  /** Sends the audio batched so far; the caller holds {@link #sendLock}. */
  private void flush() {
    int bytes = batch.position() * 2;
    if (bytes == 0) {
      return;
    }
    var frame = ByteBuffer.wrap(batchBytes, 0, bytes);
    batchBytes = new byte[BATCH_SAMPLES * 2];
    batch = newBatch();
    send(bytes, ws -> ws.sendBinary(frame, true));
  }

  /** A little-endian view of {@link #batchBytes}: samples are copied in bulk, not byte by byte. */
  private ShortBuffer newBatch() {
    return ByteBuffer.wrap(batchBytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
  }

  @Override
  public void finish() {
    if (finishing || listener.isClosed()) {
      return;
    }
    finishing = true;
    synchronized (sendLock) {
      flush();
      send(0, ws -> ws.sendText("{\"type\":\"Finalize\"}", true));
      send(0, ws -> ws.sendText("{\"type\":\"CloseStream\"}", true));
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
    socket.thenAccept(WebSocket::abort);
  }

  /** Queues a frame behind the previous ones; the caller holds {@link #sendLock}. */
  private void send(int bytes, Function<WebSocket, CompletableFuture<WebSocket>> frame) {
    pendingBytes += bytes;
    sends = sends.thenCompose(frame);
    sends.whenComplete(
        (ws, error) -> {
          lastSendNanos = System.nanoTime();
          synchronized (sendLock) {
            pendingBytes -= bytes;
          }
          if (error != null) {
            // Not inline: this may run under sendLock, and listeners may call accept(). Later: a
            // send fails when Deepgram closed the socket, and its close frame, which says why,
            // may still be on its way.
            CompletableFuture.delayedExecutor(CLOSE_FRAME_GRACE.toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> fail(errors.forFailure(error)));
          }
        });
  }

  private void scheduleKeepAlive() {
    CompletableFuture.delayedExecutor(KEEP_ALIVE_EVERY.toMillis(), TimeUnit.MILLISECONDS)
        .execute(
            () -> {
              if (listener.isClosed()) {
                return;
              }
              if (System.nanoTime() - lastSendNanos >= KEEP_ALIVE_EVERY.toNanos() / 2) {
                synchronized (sendLock) {
                  // A pause in the audio: what was batched before it is news to Deepgram.
                  flush();
                  send(0, ws -> ws.sendText("{\"type\":\"KeepAlive\"}", true));
                }
              }
              scheduleKeepAlive();
            });
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    message.append(data);
    if (last) {
      var text = message.toString();
      message.setLength(0);
      handle(text);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    if (finishing && statusCode == WebSocket.NORMAL_CLOSURE) {
      complete();
    } else {
      listener.fail(closedEarly(statusCode, reason));
    }
    return null;
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
  public void onError(WebSocket webSocket, Throwable error) {
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
    synchronized (sendLock) {
      samples = samplesAccepted;
    }
    listener.complete(
        new Transcript(
            String.join(" ", finalSegments),
            confidenceCount == 0 ? -1 : confidenceSum / confidenceCount,
            Math.round(AudioFormat.PIPELINE.millisOf(samples))));
    abort();
  }
}
