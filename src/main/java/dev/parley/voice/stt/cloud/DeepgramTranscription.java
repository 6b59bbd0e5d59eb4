package dev.parley.voice.stt.cloud;

import dev.parley.http.WebSocket;
import dev.parley.http.WebSocketClient;
import dev.parley.http.WebSocketListener;
import dev.parley.voice.TimedChecks;
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
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One utterance on one Deepgram socket. Audio is accepted at once, batched and sent in order by
 * {@link DeepgramAudioOut}: nothing said while connecting is lost. {@link #finish()} sends {@code
 * Finalize} and {@code CloseStream}; the final transcript is every finalized segment once
 * Deepgram's closing {@code Metadata} (or the close itself) arrives. Deepgram's messages reach
 * {@link #onText} on the socket's reader thread right after the read that completed them.
 */
final class DeepgramTranscription implements Transcription, WebSocketListener {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final Duration CLOSE_FRAME_GRACE = Duration.ofMillis(250);

  /** Deepgram closes a socket that hears nothing for 10 s. */
  private static final Duration KEEP_ALIVE_EVERY = Duration.ofSeconds(4);

  private static final String CHECK = "deepgram-check";

  private final GuardedListener listener;
  private final ProviderErrors errors;
  private final boolean partials;
  private final Duration timeout;
  private final WebSocket socket;
  private final DeepgramAudioOut out;
  private volatile boolean finishing;
  private volatile TimedChecks.Check keepAlive;
  private volatile TimedChecks.Check finalTimeout;

  // Only touched by the socket's reader thread.
  private final List<String> finalSegments = new ArrayList<>();
  private double confidenceSum;
  private int confidenceCount;
  private String lastPartial = "";

  private DeepgramTranscription(
      WebSocketClient client,
      URI uri,
      DeepgramProperties properties,
      ProviderErrors errors,
      boolean partials,
      GuardedListener listener) {
    this.listener = listener;
    this.errors = errors;
    this.partials = partials;
    this.timeout = properties.timeout();
    this.socket =
        client.newWebSocket(uri, Map.of("Authorization", "Token " + properties.apiKey()), this);
    this.out = new DeepgramAudioOut(socket, this::sendFailed);
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
            client, uri, properties, errors, partials, new GuardedListener(listener));
    Thread.ofVirtual().name("deepgram-connect").start(transcription::open);
    return transcription;
  }

  /** Connects, then sends what waited for the handshake. */
  private void open() {
    try {
      socket.connect();
    } catch (IOException e) {
      listener.fail(errors.forFailure(e));
      return;
    }
    out.connected();
    if (listener.isClosed()) {
      socket.abort();
    } else {
      scheduleKeepAlive();
    }
  }

  @Override
  public void accept(short[] samples) {
    if (finishing || listener.isClosed() || samples.length == 0 || out.accept(samples)) {
      return;
    }
    fail(
        new VoiceException(
            VoiceErrorCode.PROVIDER_UNAVAILABLE,
            "Deepgram is not taking audio as fast as it arrives (over %d bytes waiting)."
                .formatted(DeepgramAudioOut.MAX_PENDING_BYTES)));
  }

  /**
   * Reported a little later: a write fails when Deepgram closed the socket, and its close frame,
   * which says why, may still be on its way. Not inline either: the sender holds the audio lock.
   */
  private void sendFailed(IOException error) {
    TimedChecks.after(CLOSE_FRAME_GRACE, CHECK, () -> fail(errors.forFailure(error)));
  }

  @Override
  public void finish() {
    if (finishing || listener.isClosed()) {
      return;
    }
    finishing = true;
    // Set before Finalize leaves: the final transcript may arrive, and abort() look for the
    // check to call off, before this thread runs again.
    finalTimeout = letGoIfClosed(TimedChecks.after(timeout, CHECK, this::finalTranscriptDue));
    out.flushThen("{\"type\":\"Finalize\"}", "{\"type\":\"CloseStream\"}");
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

  private void finalTranscriptDue() {
    if (!listener.isClosed()) {
      fail(errors.timeout("the final transcript"));
    }
  }

  /** Hangs up, and calls off the checks, which would keep this stream reachable until due. */
  private void abort() {
    socket.abort();
    cancel(keepAlive);
    cancel(finalTimeout);
  }

  private static void cancel(TimedChecks.Check check) {
    if (check != null) {
      check.cancel();
    }
  }

  /** A check set after the stream ended would never be called off: the listener closes first. */
  private TimedChecks.Check letGoIfClosed(TimedChecks.Check check) {
    if (listener.isClosed()) {
      check.cancel();
    }
    return check;
  }

  private void scheduleKeepAlive() {
    keepAlive = letGoIfClosed(TimedChecks.after(KEEP_ALIVE_EVERY, CHECK, this::keepAliveDue));
  }

  private void keepAliveDue() {
    if (listener.isClosed()) {
      return;
    }
    if (out.blockedForNanos() > timeout.toNanos()) {
      // Deepgram stopped reading and the socket's send buffer is full: the abort frees the thread
      // blocked in the write.
      fail(
          new VoiceException(
              VoiceErrorCode.PROVIDER_UNAVAILABLE,
              "Deepgram is not taking audio as fast as it arrives (a send blocked for over %s)."
                  .formatted(timeout)));
      return;
    }
    if (out.idleNanos() >= KEEP_ALIVE_EVERY.toNanos() / 2) {
      // A pause in the audio: what was batched before it is news to Deepgram.
      out.flushThen("{\"type\":\"KeepAlive\"}");
    }
    scheduleKeepAlive();
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
    long samples = out.samplesAccepted();
    listener.complete(
        new Transcript(
            String.join(" ", finalSegments),
            confidenceCount == 0 ? -1 : confidenceSum / confidenceCount,
            Math.round(AudioFormat.PIPELINE.millisOf(samples))));
    abort();
  }
}
