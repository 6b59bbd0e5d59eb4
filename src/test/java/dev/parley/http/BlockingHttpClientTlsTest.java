package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * TLS against the JDK's HTTPS server with a self-signed certificate for {@code localhost}, made by
 * the JDK's own keytool: trusted, untrusted, and trusted but for another name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlockingHttpClientTlsTest {

  private static final char[] PASSWORD = "changeit".toCharArray();

  private Path dir;
  private HttpsServer server;
  private SSLContext trusting;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("parley-tls");
    var keyStore = dir.resolve("server.p12");
    var keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    var process =
        new ProcessBuilder(
                keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", "changeit", "-keypass", "changeit")
            .redirectErrorStream(true)
            .start();
    var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();

    var keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      keys.load(in, PASSWORD);
    }
    var keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, PASSWORD);
    var serverContext = SSLContext.getInstance("TLS");
    serverContext.init(keyManagers.getKeyManagers(), null, null);

    var trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(keys);
    trusting = SSLContext.getInstance("TLS");
    trusting.init(null, trustManagers.getTrustManagers(), null);

    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            exchange.getRequestBody().readAllBytes();
            var body = "secure".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
          }
        });
    server.start();
  }

  @AfterAll
  void stop() throws IOException {
    server.stop(0);
    try (var files = Files.list(dir)) {
      for (var file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(dir);
  }

  @Test
  void aTrustedCertificateForTheHostWorksAndTheConnectionIsKept() throws Exception {
    try (var client = client(trusting)) {
      assertThat(text(client.send(post("localhost")))).isEqualTo("secure");
      var second = client.exchange(post("localhost"));
      assertThat(second.sendIfConnected()).isTrue();
      assertThat(text(second.response())).isEqualTo("secure");
    }
  }

  @Test
  void anUntrustedCertificateIsRefused() {
    try (var client = new BlockingHttpClient(Duration.ofSeconds(5))) {
      assertThatThrownBy(() -> client.send(post("localhost")))
          .isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void aCertificateForAnotherNameIsRefused() {
    try (var client = client(trusting)) {
      assertThatThrownBy(() -> client.send(post("127.0.0.1")))
          .isInstanceOf(SSLHandshakeException.class)
          .hasMessageContaining("127.0.0.1");
    }
  }

  @Test
  void aWebSocketOverTlsVerifiesTheServerAndReadsItsAnswer() {
    var uri = URI.create("wss://localhost:" + server.getAddress().getPort() + "/listen?x=1");
    var socket = new WebSocketClient(Duration.ofSeconds(5), trusting, Duration.ZERO, 1024)
        .newWebSocket(uri, Map.of(), new WebSocketClientTest.Recorder());

    // The HTTPS server answers the upgrade like any GET: through TLS, with its 200 and body.
    assertThatThrownBy(socket::connect)
        .isInstanceOfSatisfying(
            WebSocketHandshakeException.class,
            refused -> {
              assertThat(refused.status()).isEqualTo(200);
              assertThat(refused.body()).isEqualTo("secure");
            });
  }

  @Test
  void aWebSocketToAnUntrustedServerIsRefused() {
    var uri = URI.create("wss://localhost:" + server.getAddress().getPort() + "/listen");
    var socket =
        new WebSocketClient(Duration.ofSeconds(5))
            .newWebSocket(uri, Map.of(), new WebSocketClientTest.Recorder());

    assertThatThrownBy(socket::connect).isInstanceOf(SSLHandshakeException.class);
  }

  private static BlockingHttpClient client(SSLContext tls) {
    return new BlockingHttpClient(Duration.ofSeconds(5), tls, 4, Duration.ofSeconds(30));
  }

  private Request post(String host) {
    var uri = URI.create("https://" + host + ":" + server.getAddress().getPort() + "/speak");
    return Request.post(uri, "{}".getBytes(StandardCharsets.UTF_8));
  }

  private static String text(Response response) throws IOException {
    try (response) {
      return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
