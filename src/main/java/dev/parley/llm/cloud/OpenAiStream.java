package dev.parley.llm.cloud;

import dev.parley.http.Exchange;
import dev.parley.http.Response;
import dev.parley.llm.ChatListener;
import dev.parley.llm.ChatResult;
import dev.parley.llm.ChatStream;
import dev.parley.llm.LlmErrorCode;
import dev.parley.llm.LlmException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One streaming chat completion. The request goes out from the caller's thread when a kept-alive
 * connection is idle (else from the reading thread); a virtual thread reads the response as its
 * bytes arrive and hands each {@code choices[0].delta.content} to the listener at once. Every
 * listener call happens under a lock that {@link #cancel()} also takes, so a cancel never overlaps
 * a token, exactly one terminal call is made, and once cancel returns the listener hears nothing
 * more.
 */
final class OpenAiStream implements ChatStream {

  // A few events' worth (one is ~250 bytes); the SSE reader carries a line split across reads. It
  // lives as long as the reply streams, so a larger one is only more for young collections to copy.
  private static final int READ_BUFFER_BYTES = 1024;
  private static final int MAX_ERROR_BODY_BYTES = 16 * 1024;
  private static final int MAX_WHOLE_BODY_BYTES = 4 * 1024 * 1024;
  private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

  private final ChatListener listener;
  private final ProviderErrors errors;
  private final ReentrantLock lock = new ReentrantLock();
  private final StringBuilder text = new StringBuilder();
  private boolean finished;
  // Set before taking the lock: a burst of buffered tokens must not starve a cancel waiting on it.
  private volatile boolean cancelRequested;
  private volatile Exchange exchange;
  // Read only by the reading thread.
  private String finishReason;
  private int promptTokens = -1;
  private int completionTokens = -1;

  OpenAiStream(ChatListener listener, ProviderErrors errors) {
    this.listener = listener;
    this.errors = errors;
  }

  /**
   * Sends the request from the calling thread if a kept-alive connection is idle, then reads the
   * answer on a virtual thread (which connects and sends first if nothing was idle).
   */
  void start(Exchange exchange) {
    this.exchange = exchange;
    exchange.sendIfConnected();
    Thread.ofVirtual().name("llm-" + OpenAiChatModel.PROVIDER).start(this::read);
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
    // Drops the connection: the provider stops generating and the reading thread wakes up.
    exchange.abort();
  }

  /**
   * Reads the answer. Closing it after {@code [DONE]} reads what little follows (the end of the
   * chunked body), so the connection goes back to the pool for the next turn.
   */
  private void read() {
    try (var answer = exchange.response()) {
      if (cancelRequested) {
        return;
      }
      var in = answer.body();
      if (answer.status() / 100 != 2) {
        var error = new String(in.readNBytes(MAX_ERROR_BODY_BYTES), StandardCharsets.UTF_8);
        fail(errors.forStatus(answer.status(), error));
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
  private static boolean isWholeJson(Response answer) {
    return answer.header("Content-Type").orElse("").startsWith("application/json");
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
