package dev.parley.http;

import java.io.InputStream;
import java.util.Optional;

/**
 * A response whose status line and headers have arrived; its body streams from {@link #body()}.
 * Close it when done: a body read to its end returns the connection to the pool, one closed early
 * is read on a little (see {@link ResponseBody}) or the connection is closed.
 */
public final class Response implements AutoCloseable {

  private final ResponseHead head;
  private final ResponseBody body;

  Response(ResponseHead head, ResponseBody body) {
    this.head = head;
    this.body = body;
  }

  public int status() {
    return head.status();
  }

  /** The first value of a header, whatever the case of its name. */
  public Optional<String> header(String name) {
    return head.header(name);
  }

  /** The body as it arrives, de-chunked; reads block the calling thread. */
  public InputStream body() {
    return body;
  }

  @Override
  public void close() {
    body.close();
  }
}
