package dev.parley.llm.cloud;

import dev.parley.llm.ChatListener;
import dev.parley.llm.ChatResult;
import dev.parley.llm.ChatStream;
import dev.parley.llm.LlmErrorCode;
import dev.parley.llm.LlmException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One streaming chat completion. The request goes out from the caller's thread; a virtual thread
 * reads the response as its bytes arrive and hands each {@code choices[0].delta.content} to the
 * listener at once. Every listener call happens under a lock that {@link #cancel()} also takes, so
 * a cancel never overlaps a token, exactly one terminal call is made, and once cancel returns the
 * listener hears nothing more.
 */
final class OpenAiStream implements ChatStream {

  private static final int READ_BUFFER_BYTES = 8192;
  private static final int MAX_ERROR_BODY_BYTES = 16 * 1024;
  private static final int MAX_WHOLE_BODY_BYTES = 4 * 1024 * 1024;
  private static final int MAX_DRAIN_BYTES = 64 * 1024;
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(1);
  private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);
  private static final Executor READER =
      task -> Thread.ofVirtual().name("llm-" + OpenAiChatModel.PROVIDER).start(task);

  private final ChatListener listener;
  private final ProviderErrors errors;
  private final ReentrantLock lock = new ReentrantLock();
  private final StringBuilder text = new StringBuilder();
  private boolean finished;
  // Set before taking the lock: a burst of buffered tokens must not starve a cancel waiting on it.
  private volatile boolean cancelRequested;
  private volatile CompletableFuture<HttpResponse<InputStream>> response;
  private volatile InputStream body;
  // Read only by the reading thread.
  private String finishReason;
  private int promptTokens = -1;
  private int completionTokens = -1;

  OpenAiStream(ChatListener listener, ProviderErrors errors) {
    this.listener = listener;
    this.errors = errors;
  }

  void start(HttpClient client, HttpRequest request) {
    var pending = client.sendAsync(request, BodyHandlers.ofInputStream());
    response = pending;
    pending.whenCompleteAsync(this::read, READER);
  }

  @Override
  public void cancel() {
    cancelRequested = true;
    lock.lock();
    try {
      if (!finished) {
        finished = true;
        listener.onError(new LlmException(LlmErrorCode.CANCELLED, "Generation was cancelled"));
      }
    } finally {
      lock.unlock();
    }
    abort();
  }

  private void read(HttpResponse<InputStream> answer, Throwable failure) {
    if (failure != null) {
      fail(errors.map(failure));
      return;
    }
    body = answer.body();
    try (var in = answer.body()) {
      if (cancelRequested) {
        return;
      }
      if (answer.statusCode() / 100 != 2) {
        var error = new String(in.readNBytes(MAX_ERROR_BODY_BYTES), StandardCharsets.UTF_8);
        fail(errors.forStatus(answer.statusCode(), error));
      } else if (isWholeJson(answer)) {
        whole(in.readNBytes(MAX_WHOLE_BODY_BYTES));
      } else {
        events(in);
      }
    } catch (IOException | RuntimeException e) {
      fail(errors.map(e));
    }
  }

  /** A server that ignored {@code stream: true} and sent one completion. */
  private static boolean isWholeJson(HttpResponse<?> answer) {
    return answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
  }

  private void whole(byte[] json) {
    if (onEvent(json, json.length)) {
      complete();
    }
  }

  private void events(InputStream in) throws IOException {
    var sse = new SseReader(this::onEvent);
    var buffer = new byte[READ_BUFFER_BYTES];
    for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
      if (!sse.feed(buffer, 0, read)) {
        if (isFinished() && !cancelRequested) {
          drain(in, buffer);
        }
        return;
      }
    }
    if (!sse.finish()) {
      return;
    }
    if (finishReason != null) {
      complete(); // some servers end the stream without [DONE]
    } else if (!cancelRequested) {
      fail(
          errors.map(
              new IOException("the connection closed before the reply ended (no [DONE])")));
    }
  }

  /**
   * Reads what little follows {@code [DONE]} (the end of the chunked body) so that the connection
   * goes back to the client's pool: a body closed before its end closes the connection, and the
   * next turn would pay for a new one. A server that goes on sending, or keeps the body open,
   * loses its connection instead.
   */
  private static void drain(InputStream in, byte[] buffer) throws IOException {
    CompletableFuture.delayedExecutor(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .execute(() -> closeQuietly(in));
    int left = MAX_DRAIN_BYTES;
    for (int read = in.read(buffer); read >= 0 && left > 0; read = in.read(buffer)) {
      left -= read;
    }
  }

  private boolean isFinished() {
    lock.lock();
    try {
      return finished;
    } finally {
      lock.unlock();
    }
  }

  /** One event's data; returns whether to keep reading. */
  private boolean onEvent(byte[] data, int length) {
    if (cancelRequested) {
      return false;
    }
    if (length == 0) {
      return true; // an event with an empty data line carries nothing
    }
    if (Arrays.equals(data, 0, length, DONE, 0, DONE.length)) {
      complete();
      return false;
    }
    var chunk = OpenAiChunk.parse(data, length);
    if (chunk.error() != null) {
      fail(errors.inStream(chunk.error(), chunk.errorType()));
      return false;
    }
    if (chunk.promptTokens() >= 0) {
      promptTokens = chunk.promptTokens();
    }
    if (chunk.completionTokens() >= 0) {
      completionTokens = chunk.completionTokens();
    }
    if (chunk.finishReason() != null) {
      finishReason = chunk.finishReason();
    }
    return chunk.content() == null || chunk.content().isEmpty() || deliver(chunk.content());
  }

  private boolean deliver(String token) {
    lock.lock();
    try {
      if (finished || cancelRequested) {
        return false;
      }
      text.append(token);
      listener.onToken(token);
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void complete() {
    lock.lock();
    try {
      if (finished) {
        return;
      }
      finished = true;
      listener.onComplete(
          new ChatResult(text.toString(), promptTokens, completionTokens, reason(finishReason)));
    } finally {
      lock.unlock();
    }
  }

  private void fail(LlmException error) {
    lock.lock();
    try {
      if (finished) {
        return;
      }
      finished = true;
      listener.onError(error);
    } finally {
      lock.unlock();
    }
  }

  /** Drops the connection: the provider stops generating and the reading thread wakes up. */
  private void abort() {
    var pending = response;
    if (pending != null) {
      pending.cancel(true);
    }
    var in = body;
    if (in != null) {
      closeQuietly(in);
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // Best effort: the connection is being dropped anyway.
    }
  }

  private static ChatResult.FinishReason reason(String finishReason) {
    if (finishReason == null) {
      return ChatResult.FinishReason.OTHER;
    }
    return switch (finishReason) {
      case "stop" -> ChatResult.FinishReason.STOP;
      case "length" -> ChatResult.FinishReason.LENGTH;
      default -> ChatResult.FinishReason.OTHER;
    };
  }
}
