package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against loopback servers that send exactly the bytes each test scripts. */
class BlockingHttpClientTest {

  private static final String OK_CHUNKED =
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n"
          + "5;name=value\r\nHello\r\n7\r\n, world\r\n0\r\nX-Checksum: abc\r\n\r\n";
  private static final String OK_LENGTH =
      "HTTP/1.1 200 OK\r\nContent-Length: 5\r\ncontent-TYPE: text/plain\r\n\r\nHello";

  private final BlockingHttpClient client = new BlockingHttpClient(Duration.ofSeconds(2));
  private ScriptedServer server;

  @AfterEach
  void stop() throws IOException {
    client.close();
    if (server != null) {
      server.close();
    }
  }

  @Test
  void chunkedBodyWithExtensionsAndTrailersIsReadAndTheConnectionKept() throws Exception {
    serveEveryRequest(OK_CHUNKED);
    assertThat(text(client.send(post()))).isEqualTo("Hello, world");
    assertThat(text(client.send(post()))).isEqualTo("Hello, world");
    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void contentLengthBodyWithHeadersLookedUpInAnyCase() throws Exception {
    serveEveryRequest(OK_LENGTH);
    try (var response = client.send(post())) {
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.header("Content-Type")).hasValue("text/plain");
      assertThat(response.header("CONTENT-LENGTH")).hasValue("5");
      assertThat(response.header("X-Missing")).isEmpty();
      assertThat(new String(response.body().readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("Hello");
    }
  }

  @Test
  void aBodyEndedByClosingTheConnectionIsReadWholeAndTheConnectionNotReused() throws Exception {
    server =
        new ScriptedServer(
            peer -> {
              server.take(peer);
              peer.write("HTTP/1.1 200 OK\r\n\r\nuntil the end");
            });
    assertThat(text(client.send(post()))).isEqualTo("until the end");
    assertThat(text(client.send(post()))).isEqualTo("until the end");
    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void threeRequestsShareOneConnectionAndCarryHostLengthAndHeaders() throws Exception {
    serveEveryRequest(OK_LENGTH);
    for (int i = 0; i < 3; i++) {
      var request =
          Request.post(server.uri(), ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8))
              .header("Authorization", "Bearer k");
      assertThat(text(client.send(request))).isEqualTo("Hello");
    }
    assertThat(server.connections()).isEqualTo(1);
    assertThat(server.requests).hasSize(3);
    assertThat(server.requests.get(2))
        .startsWith("POST /v1/things?x=1 HTTP/1.1\r\n")
        .contains("Host: 127.0.0.1:" + server.uri().getPort() + "\r\n")
        .contains("Authorization: Bearer k\r\n")
        .contains("Content-Length: 7\r\n")
        .endsWith("\r\n\r\n{\"n\":2}");
  }

  @Test
  void aRequestIsSentOnTheCallingThreadOnlyWhenAConnectionIsIdle() throws Exception {
    serveEveryRequest(OK_LENGTH);
    var first = client.exchange(post());
    assertThat(first.sendIfConnected()).isFalse();
    Thread.sleep(100);
    assertThat(server.requests).isEmpty();
    assertThat(text(first.response())).isEqualTo("Hello");

    var second = client.exchange(post());
    assertThat(second.sendIfConnected()).isTrue();
    waitFor(() -> server.requests.size() == 2); // it arrived before anyone asked for the response
    assertThat(text(second.response())).isEqualTo("Hello");
    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void aPooledConnectionTheServerClosedIsRetriedOnceOnANewOne() throws Exception {
    server =
        new ScriptedServer(
            peer -> {
              // Answers one request per connection without saying so, then hangs up.
              server.take(peer);
              peer.write(OK_LENGTH);
            });
    assertThat(text(client.send(post()))).isEqualTo("Hello");
    Thread.sleep(100); // the server has closed the kept connection
    assertThat(text(client.send(post()))).isEqualTo("Hello");

    Thread.sleep(100);
    var fromCallingThread = client.exchange(post());
    fromCallingThread.sendIfConnected();
    assertThat(text(fromCallingThread.response())).isEqualTo("Hello");
    assertThat(server.connections()).isEqualTo(3);
    assertThat(server.requests).hasSize(3);
  }

  @Test
  void noRetryOnceResponseBytesArrived() throws Exception {
    server =
        new ScriptedServer(
            peer -> {
              server.take(peer);
              peer.write(OK_LENGTH);
              server.take(peer);
              peer.write("HTTP/1.1 200 O"); // and hangs up
            });
    assertThat(text(client.send(post()))).isEqualTo("Hello");
    assertThatThrownBy(() -> client.send(post())).isInstanceOf(IOException.class);
    Thread.sleep(100);
    assertThat(server.requests).hasSize(2);
    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void noRetryOnAFreshConnection() throws Exception {
    server = new ScriptedServer(peer -> server.take(peer)); // reads it, hangs up
    assertThatThrownBy(() -> client.send(post()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("without answering");
    Thread.sleep(100);
    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void garbageIsAProtocolError() throws Exception {
    assertRefused("HTP/1.1 200 OK\r\n\r\n", "Malformed status line");
    assertRefused("HTTP/1.1 2x0 OK\r\n\r\n", "Malformed status line");
    assertRefused("HTTP/1.1 200 OK\r\nNo colon here\r\n\r\n", "Malformed header line");
    assertRefused("HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n", "Malformed header line");
    assertRefused("HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n", "Content-Length");
    var huge = "HTTP/1.1 200 OK\r\n" + ("X-Filler: " + "a".repeat(1000) + "\r\n").repeat(70);
    assertRefused(huge + "\r\n", "size limit");
  }

  @Test
  void aMalformedChunkSizeFailsTheBody() throws Exception {
    serveEveryRequest("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nHello\r\n");
    try (var response = client.send(post())) {
      assertThatThrownBy(() -> response.body().readAllBytes())
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("chunk size");
    }
  }

  @Test
  void oneReadGoesOnThroughTheChunksAlreadyBuffered() throws Exception {
    serveEveryRequest(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "3\r\nabc\r\n2;x=y\r\nde\r\n4\r\nfghi\r\n0\r\n\r\n");
    try (var response = client.send(post())) {
      var buffer = new byte[64];
      int read = response.body().read(buffer);
      assertThat(new String(buffer, 0, read, StandardCharsets.US_ASCII)).isEqualTo("abcdefghi");
      assertThat(response.body().read(buffer)).isEqualTo(-1);
    }
    assertThat(text(client.send(post()))).isEqualTo("abcdefghi"); // the connection was kept
    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void aReadReturnsWhatArrivedWithoutWaitingForAChunkHeaderOrTheTrailer() throws Exception {
    var rest = new CountDownLatch(1);
    var end = new CountDownLatch(1);
    server =
        new ScriptedServer(
            peer -> {
              server.take(peer);
              peer.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n1");
              rest.await();
              peer.write("0\r\n0123456789abcdef\r\n0\r\n");
              end.await();
              peer.write("X-Checksum: abc\r\n\r\n");
            });
    try (var response = client.send(post())) {
      var body = response.body();
      var buffer = new byte[64];
      // The next chunk's size line is cut in two: the chunk before comes back without it.
      int read = body.read(buffer);
      assertThat(new String(buffer, 0, read, StandardCharsets.US_ASCII)).isEqualTo("abc");
      rest.countDown();
      // The last chunk's trailer has not come: what preceded it comes back all the same.
      read = body.read(buffer);
      assertThat(new String(buffer, 0, read, StandardCharsets.US_ASCII))
          .isEqualTo("0123456789abcdef");
      var ending = CompletableFuture.supplyAsync(() -> readOrFail(body, buffer));
      Thread.sleep(100);
      assertThat(ending).isNotDone();
      end.countDown();
      assertThat(ending.get(5, TimeUnit.SECONDS)).isEqualTo(-1);
    }
  }

  @Test
  void abortFromAnotherThreadUnblocksABlockedRead() throws Exception {
    var release = new CountDownLatch(1);
    server =
        new ScriptedServer(
            peer -> {
              server.take(peer);
              peer.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nHi\r\n");
              release.await(); // then nothing more until the test ends
            });
    var exchange = client.exchange(post());
    var response = exchange.response();
    var reading =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return response.body().readAllBytes();
              } catch (IOException e) {
                return null;
              }
            });
    Thread.sleep(200);
    assertThat(reading).isNotDone();
    exchange.abort();
    assertThat(reading.get(5, TimeUnit.SECONDS)).isNull();
    release.countDown();
  }

  @Test
  void aServerThatGoesQuietTimesOut() throws Exception {
    var release = new CountDownLatch(1);
    server =
        new ScriptedServer(
            peer -> {
              server.take(peer);
              release.await();
            });
    var request = post().readTimeout(Duration.ofMillis(200));
    assertThatThrownBy(() -> client.send(request)).isInstanceOf(SocketTimeoutException.class);
    release.countDown();
  }

  private void assertRefused(String answer, String message) throws Exception {
    if (server != null) {
      server.close();
    }
    serveEveryRequest(answer);
    assertThatThrownBy(() -> client.send(post()))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining(message);
  }

  private void serveEveryRequest(String answer) throws IOException {
    server =
        new ScriptedServer(
            peer -> {
              while (server.take(peer) != null) {
                peer.write(answer);
              }
            });
  }

  private Request post() {
    return Request.post(server.uri(), "{}".getBytes(StandardCharsets.UTF_8));
  }

  private static String text(Response response) throws IOException {
    try (response) {
      return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static int readOrFail(java.io.InputStream body, byte[] buffer) {
    try {
      return body.read(buffer);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void waitFor(BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(condition.getAsBoolean()).isTrue();
  }
}
