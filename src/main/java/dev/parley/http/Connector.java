package dev.parley.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** Opens connections: TCP with a connect timeout, then TLS with SNI and hostname verification. */
final class Connector {

  private final Duration connectTimeout;
  private final Supplier<SSLContext> tls;
  private final int bufferBytes;

  /** @param bufferBytes each connection's read buffer */
  Connector(Duration connectTimeout, Supplier<SSLContext> tls, int bufferBytes) {
    this.connectTimeout = connectTimeout;
    this.tls = tls;
    this.bufferBytes = bufferBytes;
  }

  /** Connects {@code socket}, which the caller may close from another thread to give up. */
  Connection connect(Socket socket, Route route) throws IOException {
    int timeout = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
    socket.setTcpNoDelay(true); // a request leaves in one write; no reason to hold it back
    try {
      socket.connect(new InetSocketAddress(route.host(), route.port()), timeout);
    } catch (SocketTimeoutException e) {
      var failure =
          new ConnectException("Connecting to " + route + " timed out after " + connectTimeout);
      failure.initCause(e);
      throw failure;
    }
    if (!route.tls()) {
      return new Connection(route, socket, socket, bufferBytes);
    }
    var secure =
        (SSLSocket)
            tls.get().getSocketFactory().createSocket(socket, route.host(), route.port(), true);
    var parameters = secure.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    if (!route.isIpLiteral()) {
      parameters.setServerNames(List.of(new SNIHostName(route.host())));
    }
    parameters.setApplicationProtocols(new String[] {"http/1.1"});
    secure.setSSLParameters(parameters);
    secure.setSoTimeout(timeout); // the handshake is part of connecting
    secure.startHandshake();
    return new Connection(route, socket, secure, bufferBytes);
  }
}
