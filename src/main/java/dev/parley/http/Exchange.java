package dev.parley.http;

import java.io.IOException;
import java.net.ProtocolException;
import java.time.Duration;

/**
 * One request and its response, on one thread at a time: the request is written to the socket by
 * the thread that sends it, the response read by the thread that asks for it, both blocking. Only
 * {@link #abort()} may come from elsewhere.
 *
 * <p>A connection from the pool may have been closed by the server while it sat idle, which shows
 * only when it is used: if writing fails, or the connection ends before the first byte of the
 * response, the request is sent once more on a new connection. Never after a response byte
 * arrived: the server may have acted on the request.
 */
public final class Exchange {

  private final BlockingHttpClient client;
  private final Duration readTimeout;
  private final boolean closesConnection;
  private final Route route;
  /**
   * The encoded request, until the response's head arrives: nothing is sent again after that, and
   * a streamed answer (an LLM's) lasts long enough for the bytes to outlive a young collection.
   */
  private byte[] bytes;
  private final AbortableConnect connector;
  private final Object lock = new Object();
  private Connection connection; // guarded by lock
  private boolean handedBack; // guarded by lock
  private boolean sent;
  private boolean retried;
  private ResponseHead head;

  Exchange(BlockingHttpClient client, Request request) {
    this.client = client;
    this.readTimeout = request.readTimeout();
    this.closesConnection = request.closesConnection();
    this.bytes = request.encode();
    this.route = request.route();
    this.connector = new AbortableConnect(client.connector(), "The request");
  }

  /**
   * Sends the request now, on the calling thread, if a kept-alive connection is idle in the pool;
   * returns false, having sent nothing, if none is (or writing to it failed): then {@link
   * #response()} connects and sends. For callers that must not wait on a connect or a TLS
   * handshake.
   */
  public boolean sendIfConnected() {
    if (sent) {
      return true;
    }
    var pooled = client.pool().take(route);
    if (pooled == null) {
      return false;
    }
    try {
      attach(pooled);
      pooled.send(bytes, readTimeout);
      sent = true;
      return true;
    } catch (IOException e) {
      drop(pooled);
      retried = true; // the stale connection cost the one retry: response() connects anew
      return false;
    }
  }

  /**
   * Sends the request if {@link #sendIfConnected()} did not, and waits for the response's status
   * line and headers. The body is then read from {@link Response#body()}.
   */
  public Response response() throws IOException {
    if (head != null) {
      throw new IllegalStateException("The response was already read");
    }
    while (true) {
      Connection current;
      synchronized (lock) {
        current = connection;
      }
      if (!sent) {
        current = retried ? connector.connect(route) : client.pool().take(route);
        if (current == null) {
          current = connector.connect(route);
        }
        attach(current);
        try {
          current.send(bytes, readTimeout);
          sent = true;
        } catch (IOException e) {
          if (!retryAfter(current)) {
            throw connector.abortedOr(e);
          }
          continue;
        }
      }
      long receivedBefore = current.received();
      try {
        head = ResponseHead.read(current);
        bytes = null;
        return new Response(head, body(current));
      } catch (IOException e) {
        if (current.received() != receivedBefore || !retryAfter(current)) {
          drop(current);
          throw connector.abortedOr(e);
        }
      }
    }
  }

  /**
   * Closes the connection from any thread: a thread blocked in a read or a connect fails at once,
   * and the connection is never reused.
   */
  public void abort() {
    connector.abort();
    // After the mark: a connection attached from now on sees it and is closed there.
    synchronized (lock) {
      if (connection != null && !handedBack) {
        connection.close();
      }
    }
  }

  boolean isAborted() {
    return connector.isAborted();
  }

  /** The body ended ({@code reusable}) or was given up: the connection goes back or is closed. */
  void finished(boolean reusable) {
    Connection done;
    synchronized (lock) {
      if (handedBack || connection == null) {
        return;
      }
      handedBack = true;
      done = connection;
      reusable &= !connector.isAborted();
    }
    if (reusable && head.keepsAlive() && !closesConnection) {
      client.pool().release(done, head.keepAliveTimeout());
    } else {
      done.close();
    }
  }

  private ResponseBody body(Connection current) throws IOException {
    try {
      return ResponseBody.of(new BodyOwner(), current, head);
    } catch (ProtocolException e) {
      drop(current);
      throw e;
    }
  }

  private final class BodyOwner implements ResponseBody.Owner {
    @Override
    public void finished(boolean reusable) {
      Exchange.this.finished(reusable);
    }

    @Override
    public boolean isAborted() {
      return Exchange.this.isAborted();
    }
  }

  /** Whether to send again on a new connection after {@code failed} broke. */
  private boolean retryAfter(Connection failed) {
    drop(failed);
    if (retried || !failed.isReused() || isAborted()) {
      return false;
    }
    retried = true;
    sent = false;
    return true;
  }

  private void attach(Connection next) throws IOException {
    synchronized (lock) {
      connection = next;
      if (connector.isAborted()) {
        next.close();
        throw connector.abortedError();
      }
    }
  }

  private void drop(Connection broken) {
    broken.close();
  }
}
