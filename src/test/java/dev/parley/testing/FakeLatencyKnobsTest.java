package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The latency knobs the voice benchmark turns: they delay what they say, and only that. */
class FakeLatencyKnobsTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void openAiFakeWaitsTheTimeToFirstTokenThenTheTokenDelay() throws Exception {
    try (var llm = FakeOpenAiServer.start()) {
      llm.defaultReply("One", ".", " Two").firstTokenDelay(Duration.ofMillis(300));
      var request =
          HttpRequest.newBuilder(URI.create(llm.baseUrl() + "/chat/completions"))
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
              .build();
      long start = System.nanoTime();
      var lines = http.send(request, HttpResponse.BodyHandlers.ofLines()).body().iterator();
      long firstContent = -1;
      var text = new StringBuilder();
      while (lines.hasNext()) {
        var line = lines.next();
        if (line.contains("\"content\":\"") && !line.contains("\"content\":\"\"")) {
          if (firstContent < 0) {
            firstContent = System.nanoTime() - start;
          }
          text.append(line.replaceAll(".*\"content\":\"([^\"]*)\".*", "$1"));
        }
      }

      assertThat(text.toString()).isEqualTo("One. Two");
      assertThat(Duration.ofNanos(firstContent))
          .isBetween(Duration.ofMillis(290), Duration.ofSeconds(10));
    }
  }

  @Test
  void deepgramFakeHoldsTheFinalTranscriptOnceAfterNewAudio() throws Exception {
    try (var stt = FakeDeepgramServer.start()) {
      stt.defaultTranscript("Hello bench.").finalizeDelay(Duration.ofMillis(300)).keepAudio(false);
      var finals = new CompletableFuture<String>();
      var socket =
          http.newWebSocketBuilder()
              .header("Authorization", "Token bench")
              .buildAsync(
                  URI.create(stt.baseUrl() + "/listen?encoding=linear16&sample_rate=16000"),
                  new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(
                        WebSocket ws, CharSequence data, boolean last) {
                      if (data.toString().contains("\"is_final\":true")) {
                        finals.complete(data.toString());
                      }
                      ws.request(1);
                      return null;
                    }
                  })
              .join();
      socket.sendBinary(ByteBuffer.wrap(new byte[3_200]), true).join();
      long start = System.nanoTime();
      socket.sendText("{\"type\":\"Finalize\"}", true).join();
      var result = finals.get(10, TimeUnit.SECONDS);
      long waited = System.nanoTime() - start;
      socket.sendText("{\"type\":\"CloseStream\"}", true).join();

      assertThat(result).contains("Hello bench.");
      assertThat(Duration.ofNanos(waited))
          .isBetween(Duration.ofMillis(290), Duration.ofSeconds(10));
      var session = stt.lastSession();
      assertThat(session.audioBytes()).isEqualTo(3_200);
      assertThat(session.audio()).isEmpty();
    }
  }
}
