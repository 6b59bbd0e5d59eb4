package dev.parley.http;

import java.io.IOException;
import java.net.Socket;

/**
 * The abort of an exchange or a WebSocket, and its connect: {@link #abort()} from any thread marks
 * it aborted and closes the socket being connected, so a thread blocked in a connect or a TLS
 * handshake fails at once. The owner closes the connection it already has itself.
 */
final class AbortableConnect {

  private final Connector connector;
  private final String what;
  private Socket connecting; // guarded by this
  private boolean aborted; // guarded by this

  /** @param what names the owner in errors: "The request", "The WebSocket" */
  AbortableConnect(Connector connector, String what) {
    this.connector = connector;
    this.what = what;
  }

  /** Connects on the calling thread; fails at once, or as soon as it happens, on an abort. */
  Connection connect(Route route) throws IOException {
    var socket = new Socket();
    synchronized (this) {
      if (aborted) {
        throw abortedError();
      }
      connecting = socket;
    }
    try {
      return connector.connect(socket, route);
    } catch (IOException e) {
      closeQuietly(socket);
      throw abortedOr(e);
    } finally {
      synchronized (this) {
        connecting = null;
      }
    }
  }

  void abort() {
    synchronized (this) {
      aborted = true;
      if (connecting != null) {
        closeQuietly(connecting);
      }
    }
  }

  synchronized boolean isAborted() {
    return aborted;
  }

  IOException abortedError() {
    return new IOException(what + " was aborted");
  }

  /** The error, or one that says the abort caused it. */
  IOException abortedOr(IOException error) {
    return isAborted() ? new IOException(what + " was aborted", error) : error;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closing to wake a connect: nothing more to do.
    }
  }
}
