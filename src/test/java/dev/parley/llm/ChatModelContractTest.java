package dev.parley.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The behaviour every {@link ChatModel} adapter promises. Each adapter's test extends this class
 * and supplies the model plus a way to make its provider answer: cloud adapters talk to a loopback
 * server speaking the vendor's real wire protocol; the in-process adapter runs a tiny random-weight
 * GGUF, which cannot be scripted, so scripted-text assertions are skipped for it.
 */
public abstract class ChatModelContractTest {

  protected static final ResponseSchema PERSON_SCHEMA =
      new ResponseSchema(
          "person",
          """
          {"type":"object",
           "properties":{"name":{"type":"string"},"age":{"type":"integer"}},
           "required":["name","age"],
           "additionalProperties":false}
          """);

  /** The adapter under test, talking to its (fake) provider. */
  protected abstract ChatModel model();

  /**
   * Makes the provider answer the next request with these chunks, in order. Returns false when the
   * provider cannot be scripted (the random-weight local model).
   */
  protected abstract boolean scriptReply(String... chunks);

  /** Makes the provider answer the next request slowly: many chunks, {@code delay} apart. */
  protected abstract void scriptSlowReply(int chunks, Duration delay);

  /**
   * Makes the provider fail the next request the way it fails when it is unavailable (HTTP 503 for
   * cloud providers). Returns the code the adapter must report, or null when the provider has no
   * such failure mode.
   */
  protected abstract LlmErrorCode scriptUnavailable();

  /** The request messages the provider last received, as role + text, when observable. */
  protected abstract List<ChatMessage> lastReceivedMessages();

  @Test
  void streamsTokensWhoseConcatenationIsTheFinalText() throws Exception {
    boolean scripted = scriptReply("Hola", ", ¿qué", " tal?");
    var recorder = new Recorder();
    model().stream(request("Say hello"), recorder);
    var result = recorder.result.get(60, TimeUnit.SECONDS);

    assertThat(recorder.tokens).isNotEmpty();
    assertThat(String.join("", recorder.tokens)).isEqualTo(result.text());
    assertThat(result.completionTokens()).isPositive();
    if (scripted) {
      assertThat(result.text()).isEqualTo("Hola, ¿qué tal?");
      assertThat(result.finishReason()).isEqualTo(ChatResult.FinishReason.STOP);
    }
  }

  @Test
  void passesSystemPromptAndHistoryInOrder() throws Exception {
    scriptReply("ok");
    var messages =
        List.of(
            ChatMessage.system("You are Lucía, a barista in Madrid."),
            ChatMessage.assistant("¡Hola! ¿Qué te pongo?"),
            ChatMessage.user("Un café con leche, por favor."));
    model().complete(ChatRequest.of(messages));
    var received = lastReceivedMessages();
    if (received != null) {
      assertThat(received).containsExactlyElementsOf(messages);
    }
  }

  @Test
  void cancelStopsTheStreamPromptly() throws Exception {
    scriptSlowReply(200, Duration.ofMillis(20));
    var recorder = new Recorder();
    var stream = model().stream(request("Tell me a long story").withMaxTokens(400), recorder);
    assertThat(recorder.firstToken.await(60, TimeUnit.SECONDS)).isTrue();
    stream.cancel();
    long cancelledAt = System.nanoTime();
    int tokensAtCancel = recorder.tokens.size();

    Thread.sleep(300);
    // A few tokens already in flight may still land; the stream must not run on to its end.
    assertThat(recorder.tokens.size()).isLessThan(tokensAtCancel + 10);
    assertThat(recorder.tokens.size()).isLessThan(150);
    assertThat(System.nanoTime() - cancelledAt).isLessThan(Duration.ofSeconds(5).toNanos());
    if (recorder.result.isDone()) {
      assertThatThrownBy(() -> recorder.result.get())
          .hasCauseInstanceOf(LlmException.class)
          .cause()
          .extracting(e -> ((LlmException) e).code())
          .isEqualTo(LlmErrorCode.CANCELLED);
    }
    stream.cancel(); // idempotent
  }

  @Test
  void structuredOutputIsJsonMatchingTheSchema() throws Exception {
    scriptReply("{\"name\":", "\"Ana\",", "\"age\":31}");
    var result =
        model()
            .complete(
                request("Invent a person")
                    .withResponseSchema(PERSON_SCHEMA)
                    .withMaxTokens(128)
                    .withTemperature(0));
    var json = JsonMapper.builder().build().readTree(result.text());
    assertThat(json.isObject()).isTrue();
    assertThat(json.get("name").isString()).isTrue();
    assertThat(json.get("age").isIntegralNumber()).isTrue();
  }

  @Test
  void providerOutageIsReportedWithACode() {
    var expected = scriptUnavailable();
    if (expected == null) {
      return;
    }
    assertThatThrownBy(() -> model().complete(request("Hello")))
        .isInstanceOf(LlmException.class)
        .extracting(e -> ((LlmException) e).code())
        .isEqualTo(expected);
  }

  @Test
  void reportsProviderAndModel() {
    assertThat(model().info().provider()).isNotBlank();
    assertThat(model().info().model()).isNotBlank();
  }

  protected static ChatRequest request(String userText) {
    return ChatRequest.of(List.of(ChatMessage.system("Be brief."), ChatMessage.user(userText)));
  }

  /** Collects a stream's tokens, when the first arrived, and its outcome. */
  public static final class Recorder implements ChatListener {
    public final List<String> tokens = new CopyOnWriteArrayList<>();
    public final CountDownLatch firstToken = new CountDownLatch(1);
    public final CompletableFuture<ChatResult> result = new CompletableFuture<>();
    public volatile long firstTokenNanos;

    @Override
    public void onToken(String text) {
      if (tokens.isEmpty()) {
        firstTokenNanos = System.nanoTime();
      }
      tokens.add(text);
      firstToken.countDown();
    }

    @Override
    public void onComplete(ChatResult chatResult) {
      result.complete(chatResult);
    }

    @Override
    public void onError(LlmException error) {
      result.completeExceptionally(error);
    }
  }
}
