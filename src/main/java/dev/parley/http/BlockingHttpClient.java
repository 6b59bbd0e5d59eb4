package dev.parley.http;

import java.io.IOException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * A small HTTP/1.1 client for "POST a body, stream the response", made for virtual threads: the
 * request is written to the socket by the thread that sends it, the response read by blocking
 * reads on the thread that asks for it. No selector thread, no executor, no hand-off between
 * threads on the way: on loopback a request reaches the server in a fraction of the time the JDK's
 * {@code java.net.http.HttpClient} takes, and costs no CPU on threads of its own.
 *
 * <p>Connections are kept alive per scheme, host and port (see {@link Exchange} for when a
 * request is sent again on a new one). TLS verifies the server's certificate and host name.
 */
public final class BlockingHttpClient implements AutoCloseable {

  /** Like the JDK's client: an idle connection older than this is not reused. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

  /**
   * As many as the requests a busy server has in flight to one provider (a reply and its sentences'
   * speech for each talking learner): with fewer, every burst of finished requests closes
   * connections the next ones open again, a TLS handshake each with a cloud vendor, and each new
   * connection's buffers outlive a young collection and are promoted. Idle ones close after {@link
   * #DEFAULT_IDLE_TIMEOUT}.
   */
  public static final int DEFAULT_MAX_IDLE_PER_ROUTE = 256;

  /**
   * Enough for a response head and a stream's small events (an LLM's tokens); a read of at least
   * this much skips the buffer. A pooled connection keeps it between exchanges.
   */
  private static final int BUFFER_BYTES = 4 * 1024;

  private final ConnectionPool pool;
  private final Connector connector;

  /** A client that trusts what the JVM trusts ({@link SSLContext#getDefault()}). */
  public BlockingHttpClient(Duration connectTimeout) {
    this(connectTimeout, BUFFER_BYTES);
  }

  /**
   * @param bufferBytes each connection's read buffer: the most one read from the socket brings, so
   *     a stream read in pieces of this size gets whole pieces
   */
  public BlockingHttpClient(Duration connectTimeout, int bufferBytes) {
    this(connectTimeout, null, DEFAULT_MAX_IDLE_PER_ROUTE, DEFAULT_IDLE_TIMEOUT, bufferBytes);
  }

  /**
   * @param tls for {@code https}; null for the JVM's default, created when first needed
   * @param maxIdlePerRoute how many idle connections to keep per scheme, host and port
   * @param idleTimeout how long an idle connection stays reusable
   */
  public BlockingHttpClient(
      Duration connectTimeout, SSLContext tls, int maxIdlePerRoute, Duration idleTimeout) {
    this(connectTimeout, tls, maxIdlePerRoute, idleTimeout, BUFFER_BYTES);
  }

  private BlockingHttpClient(
      Duration connectTimeout,
      SSLContext tls,
      int maxIdlePerRoute,
      Duration idleTimeout,
      int bufferBytes) {
    this.pool = new ConnectionPool(maxIdlePerRoute, idleTimeout);
    this.connector =
        new Connector(connectTimeout, tls == null ? defaultTls() : () -> tls, bufferBytes);
  }

  /** An exchange not sent yet: see {@link Exchange#sendIfConnected()}. */
  public Exchange exchange(Request request) {
    return new Exchange(this, request);
  }

  /** Sends the request and waits for the response's head, on the calling thread. */
  public Response send(Request request) throws IOException {
    return exchange(request).response();
  }

  /** Closes the idle connections; later exchanges still work but keep no connection. */
  @Override
  public void close() {
    pool.close();
  }

  ConnectionPool pool() {
    return pool;
  }

  Connector connector() {
    return connector;
  }

  static Supplier<SSLContext> defaultTls() {
    return () -> {
      try {
        return SSLContext.getDefault();
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("The JVM has no default TLS context", e);
      }
    };
  }
}
