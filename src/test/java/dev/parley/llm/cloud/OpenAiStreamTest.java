package dev.parley.llm.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.parley.llm.ChatMessage;
import dev.parley.llm.ChatModel;
import dev.parley.llm.ChatModelContractTest.Recorder;
import dev.parley.llm.ChatRequest;
import dev.parley.llm.ChatResult;
import dev.parley.llm.LlmErrorCode;
import dev.parley.llm.LlmException;
import dev.parley.llm.LlmProperties.Cloud;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI client against a loopback server that sends exactly the bytes a test scripts, in the
 * pieces it scripts (each flushed on its own), for the stream shapes that the vendor fakes do not
 * produce.
 */
class OpenAiStreamTest {

  private static final Duration PAUSE = Duration.ofMillis(15);

  private final HttpServer server;
  private volatile String contentType = "text/event-stream";
  private volatile List<byte[]> pieces = List.of();
  private final List<Integer> clientPorts = new CopyOnWriteArrayList<>();

  OpenAiStreamTest() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/v1/chat/completions",
        exchange -> {
          try (exchange) {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(200, 0);
            var out = exchange.getResponseBody();
            for (byte[] piece : pieces) {
              out.write(piece);
              out.flush();
              Thread.sleep(PAUSE);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void piecesSplitMidLineAndMidCharacterMakeWholeTokens() throws Exception {
    var stream =
        ": OPENROUTER PROCESSING\n\n"
            + data("{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}]}")
            + data("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"¿Qué \"}}]}")
            + ": keep-alive\n\n"
            + data("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"}}]}")
            + data("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"tal? 👋\"}}]}")
            + data("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}")
            + data("{\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2}}")
            + data("[DONE]");
    var bytes = stream.getBytes(StandardCharsets.UTF_8);
    // Cut inside "¿" (2 bytes) and "👋" (4 bytes), and in the middle of JSON and of "data:".
    int inQuestionMark = indexOf(bytes, "¿".getBytes(StandardCharsets.UTF_8)) + 1;
    int inWave = indexOf(bytes, "👋".getBytes(StandardCharsets.UTF_8)) + 2;
    int inDone = indexOf(bytes, "[DONE]".getBytes(StandardCharsets.UTF_8)) - 3;
    script(split(bytes, inQuestionMark, inQuestionMark + 20, inWave, inDone));

    var recorder = new Recorder();
    model().stream(request(), recorder);
    var result = recorder.result.get(10, TimeUnit.SECONDS);

    assertThat(recorder.tokens).containsExactly("¿Qué ", "tal? 👋");
    assertThat(result)
        .isEqualTo(new ChatResult("¿Qué tal? 👋", 9, 2, ChatResult.FinishReason.LENGTH));
  }

  @Test
  void eachTokenReachesTheListenerBeforeTheStreamGoesOn() throws Exception {
    var pieces = new ArrayList<byte[]>();
    var token = data("{\"choices\":[{\"delta\":{\"content\":\"now\"}}]}");
    pieces.add(token.getBytes(StandardCharsets.UTF_8));
    // Twenty empty writes, a pause after each: the stream goes on for a while after the token.
    pieces.addAll(Collections.nCopies(20, new byte[0]));
    pieces.add(data("[DONE]").getBytes(StandardCharsets.UTF_8));
    script(pieces);
    var recorder = new Recorder();
    model().stream(request(), recorder);
    assertThat(recorder.firstToken.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(recorder.result).isNotDone();
    assertThat(recorder.result.get(10, TimeUnit.SECONDS).text()).isEqualTo("now");
  }

  @Test
  void theConnectionIsKeptForTheNextRequest() throws InterruptedException {
    script(data("{\"choices\":[{\"delta\":{\"content\":\"Uno\"}}]}") + data("[DONE]"));
    var model = model();
    for (int i = 0; i < 3; i++) {
      model.complete(request());
      // The reply completes at [DONE]; the end of the body is read just after, like a next turn.
      Thread.sleep(200);
    }
    assertThat(clientPorts).hasSize(3);
    assertThat(Set.copyOf(clientPorts)).hasSize(1);
  }

  @Test
  void anErrorInsideTheStreamFailsItWithTheProvidersMessage() {
    script(
        data("{\"choices\":[{\"delta\":{\"content\":\"Hal\"}}]}"),
        data("{\"error\":{\"message\":\"The server had an error while processing your request.\","
            + "\"type\":\"server_error\",\"param\":null,\"code\":null}}"));
    assertThatThrownBy(() -> model().complete(request()))
        .isInstanceOf(LlmException.class)
        .hasMessageContaining("The server had an error while processing your request.")
        .extracting(e -> ((LlmException) e).code())
        .isEqualTo(LlmErrorCode.PROVIDER_UNAVAILABLE);

    script(data("{\"error\":{\"message\":\"Slow down\",\"code\":\"rate_limit_exceeded\"}}"));
    assertThatThrownBy(() -> model().complete(request()))
        .hasMessageContaining("PARLEY_LLM_OPENAI_API_KEY")
        .extracting(e -> ((LlmException) e).code())
        .isEqualTo(LlmErrorCode.RATE_LIMITED);
  }

  @Test
  void aStreamCutOffBeforeItsEndIsAnOutageNotAShortReply() {
    script(data("{\"choices\":[{\"delta\":{\"content\":\"Half a sen\"}}]}"));
    assertThatThrownBy(() -> model().complete(request()))
        .isInstanceOf(LlmException.class)
        .hasMessageContaining("[DONE]")
        .extracting(e -> ((LlmException) e).code())
        .isEqualTo(LlmErrorCode.PROVIDER_UNAVAILABLE);
  }

  @Test
  void aFinishedStreamWithoutDoneStillCompletes() {
    script(
        data("{\"choices\":[{\"delta\":{\"content\":\"Fin\"},\"finish_reason\":\"stop\"}]}")
            + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1}}");
    assertThat(model().complete(request()))
        .isEqualTo(new ChatResult("Fin", 3, 1, ChatResult.FinishReason.STOP));
  }

  @Test
  void aServerThatIgnoresStreamingAnswersWithOneToken() throws Exception {
    contentType = "application/json";
    script(
        "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Entero\"},"
            + "\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":1}}");
    var recorder = new Recorder();
    model().stream(request(), recorder);
    assertThat(recorder.result.get(10, TimeUnit.SECONDS))
        .isEqualTo(new ChatResult("Entero", 4, 1, ChatResult.FinishReason.STOP));
    assertThat(recorder.tokens).containsExactly("Entero");
  }

  @Test
  void malformedJsonIsAProviderError() {
    script(data("{\"choices\":[{\"delta\":"));
    assertThatThrownBy(() -> model().complete(request()))
        .isInstanceOf(LlmException.class)
        .extracting(e -> ((LlmException) e).code())
        .isEqualTo(LlmErrorCode.PROVIDER_ERROR);
  }

  @Test
  void closingTheModelDropsItsKeptConnectionsAndStartsNoClientThreads() throws Exception {
    script(data("{\"choices\":[{\"delta\":{\"content\":\"Uno\"}}]}") + data("[DONE]"));
    var before = httpClientThreads();
    var model = model();
    model.complete(request());
    Thread.sleep(200); // the end of the body is read just after [DONE]
    assertThat(httpClientThreads()).isSubsetOf(before);

    assertThat(model).isInstanceOf(AutoCloseable.class);
    ((AutoCloseable) model).close();
    model.complete(request());
    assertThat(clientPorts).hasSize(2);
    assertThat(clientPorts.get(1)).isNotEqualTo(clientPorts.get(0));
  }

  /** The JDK client's selector and worker threads, which this client does without. */
  private static Set<Thread> httpClientThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith("HttpClient-"))
        .collect(Collectors.toSet());
  }

  private ChatModel model() {
    var baseUrl =
        "http://%s:%d/v1"
            .formatted(server.getAddress().getHostString(), server.getAddress().getPort());
    return CloudChatModels.openAi(
        new Cloud(baseUrl, null, "m"),
        new CloudChatModels.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10)));
  }

  private void script(String... texts) {
    script(Arrays.stream(texts).map(t -> t.getBytes(StandardCharsets.UTF_8)).toList());
  }

  private void script(List<byte[]> bytes) {
    pieces = bytes;
  }

  private static ChatRequest request() {
    return ChatRequest.of(List.of(ChatMessage.user("Hola")));
  }

  private static String data(String json) {
    return "data: " + json + "\n\n";
  }

  private static List<byte[]> split(byte[] bytes, int... cuts) {
    var result = new ArrayList<byte[]>();
    int from = 0;
    for (int cut : cuts) {
      result.add(Arrays.copyOfRange(bytes, from, cut));
      from = cut;
    }
    result.add(Arrays.copyOfRange(bytes, from, bytes.length));
    return result;
  }

  private static int indexOf(byte[] bytes, byte[] part) {
    for (int i = 0; i + part.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    throw new UncheckedIOException(new IOException("not found"));
  }
}
