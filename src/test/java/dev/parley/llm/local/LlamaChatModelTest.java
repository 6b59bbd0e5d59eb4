package dev.parley.llm.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.parley.llm.ChatMessage;
import dev.parley.llm.ChatModelContractTest.Recorder;
import dev.parley.llm.ChatRequest;
import dev.parley.llm.ChatResult;
import dev.parley.llm.LlmErrorCode;
import dev.parley.llm.LlmException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlamaChatModelTest {

  private static final Pattern PROMPT_EVAL =
      Pattern.compile("prompt eval time =\\s*[\\d.]+ ms /\\s*(\\d+) tokens");

  @TempDir static Path dir;
  private static LlamaChatModel model;

  @BeforeAll
  static void load() {
    model = new LlamaChatModel(TinyGguf.write(dir, 11), LocalModelSettings.defaults());
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void missingModelFileIsNotConfigured() {
    var missing = dir.resolve("nowhere.gguf");
    assertThatThrownBy(() -> new LlamaChatModel(missing, LocalModelSettings.defaults()))
        .isInstanceOf(LlmException.class)
        .hasMessageContaining("nowhere.gguf")
        .hasMessageContaining("does not exist")
        .extracting(e -> ((LlmException) e).code())
        .isEqualTo(LlmErrorCode.MODEL_NOT_CONFIGURED);
  }

  @Test
  void fileThatIsNotGgufIsRejectedBeforeTheNativeLoader() throws Exception {
    var corrupt = dir.resolve("corrupt.gguf");
    var noise = new byte[4096];
    new Random(3).nextBytes(noise);
    Files.write(corrupt, noise);
    assertThatThrownBy(() -> new LlamaChatModel(corrupt, LocalModelSettings.defaults()))
        .isInstanceOf(LlmException.class)
        .hasMessageContaining("corrupt.gguf")
        .hasMessageContaining("not a valid GGUF")
        .extracting(e -> ((LlmException) e).code())
        .isEqualTo(LlmErrorCode.MODEL_NOT_CONFIGURED);
  }

  @Test
  void truncatedModelFailsInTheLoaderWithTheFileName() throws Exception {
    var whole = Files.readAllBytes(TinyGguf.write(dir, 12));
    var truncated = dir.resolve("truncated.gguf");
    Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));
    assertThatThrownBy(() -> new LlamaChatModel(truncated, LocalModelSettings.defaults()))
        .isInstanceOf(LlmException.class)
        .hasMessageContaining("truncated.gguf")
        .extracting(e -> ((LlmException) e).code())
        .isEqualTo(LlmErrorCode.PROVIDER_ERROR);
  }

  @Test
  void unsupportedArchitectureIsNamedInTheError() throws Exception {
    var qwen3 = dir.resolve("qwen3-0.6b.gguf");
    Files.write(qwen3, ggufHeaderWithArchitecture("qwen3"));
    assertThatThrownBy(() -> new LlamaChatModel(qwen3, LocalModelSettings.defaults()))
        .isInstanceOf(LlmException.class)
        .hasMessageContaining("qwen3-0.6b.gguf")
        .hasMessageContaining("'qwen3'")
        .hasMessageContaining("does not support")
        .extracting(e -> ((LlmException) e).code())
        .isEqualTo(LlmErrorCode.MODEL_NOT_CONFIGURED);
  }

  @Test
  void reportsLocalProviderAndFileName() {
    assertThat(model.info().provider()).isEqualTo("local");
    assertThat(model.info().model()).isEqualTo("tiny-llama-11.gguf");
  }

  @Test
  void followUpTurnOfAConversationEvaluatesOnlyItsNewTokens() throws Throwable {
    var history = new ArrayList<ChatMessage>();
    history.add(ChatMessage.system("You are Lucía, a barista in Madrid. ".repeat(25)));
    history.add(ChatMessage.user("Un café con leche, por favor."));
    var log = dir.resolve("llama-stderr.log");
    int firstTurn;
    int secondTurn;
    ChatResult first;
    try (var ignored = NativeStderr.redirectTo(log)) {
      first = model.complete(turn(history, "conversation-a"));
      firstTurn = awaitPromptEvaluations(log, 1).getLast();
      // Another conversation in between must not evict the first one's cache.
      model.complete(turn(List.of(ChatMessage.user("Hola")), "conversation-b"));
      awaitPromptEvaluations(log, 2);
      history.add(ChatMessage.assistant(first.text()));
      history.add(ChatMessage.user("¿Y un croissant?"));
      model.complete(turn(history, "conversation-a"));
      secondTurn = awaitPromptEvaluations(log, 3).getLast();
    }
    assertThat(first.promptTokens()).isGreaterThan(200);
    // Our count tokenizes the prompt separately and may differ from llama.cpp's by a token.
    assertThat(firstTurn).isCloseTo(first.promptTokens(), within(2));
    assertThat(secondTurn).isPositive().isLessThan(firstTurn / 4);
  }

  @Test
  void aPrefilledConversationEvaluatesOnlyTheLearnersMessage() throws Throwable {
    var persona = ChatMessage.system("You are Hans, a landlord in Berlin. ".repeat(25));
    var log = dir.resolve("llama-prefill-stderr.log");
    int prefilled;
    int firstTurn;
    try (var ignored = NativeStderr.redirectTo(log)) {
      model.prefill(turn(List.of(persona), "conversation-prefill"));
      prefilled = awaitPromptEvaluations(log, 1).getLast();
      var message = ChatMessage.user("Die Heizung ist kaputt.");
      model.complete(turn(List.of(persona, message), "conversation-prefill"));
      firstTurn = awaitPromptEvaluations(log, 2).getLast();
    }
    assertThat(prefilled).isGreaterThan(200);
    assertThat(firstTurn).isPositive().isLessThan(prefilled / 4);
  }

  @Test
  void prefillsOfTheLearnersWordsWaitForTheirSlotAndOnlyTheLatestRuns() throws Throwable {
    var persona = ChatMessage.system("Klara arbeitet als Ärztin in Wien. ".repeat(25));
    var log = dir.resolve("llama-speculative-stderr.log");
    List<Integer> evaluations;
    // A model of its own: the shared one's slots hold other tests' prompts.
    try (var own = new LlamaChatModel(TinyGguf.write(dir, 12), LocalModelSettings.defaults());
        var ignored = NativeStderr.redirectTo(log)) {
      var previousReply = new Recorder();
      var running =
          own.stream(
              turn(List.of(persona, ChatMessage.user("Erzähl mir was")), "speaking")
                  .withMaxTokens(2000),
              previousReply);
      assertThat(previousReply.firstToken.await(60, TimeUnit.SECONDS)).isTrue();
      int before = promptEvaluations(log).size();
      // The conversation's slot is busy: these wait for it rather than start afresh in another.
      for (var words : List.of("Ich habe", "Ich habe Kopf", "Ich habe Kopfschmerzen.")) {
        own.prefill(turn(List.of(persona, ChatMessage.user(words)), "speaking"));
      }
      running.cancel();
      awaitPromptEvaluations(log, before + 1);
      own.complete(
          turn(List.of(persona, ChatMessage.user("Ich habe Kopfschmerzen.")), "speaking"));
      evaluations = promptEvaluations(log).subList(before, promptEvaluations(log).size());
    }
    assertThat(evaluations).as("the latest prefill, then the reply").hasSize(2);
    assertThat(evaluations.getLast()).isPositive().isLessThanOrEqualTo(2);
  }

  @Test
  void twoConversationsAtOnceBothComplete() throws Exception {
    var a = new Recorder();
    var b = new Recorder();
    model.stream(turn(List.of(ChatMessage.user("Hola")), "a").withMaxTokens(200), a);
    model.stream(turn(List.of(ChatMessage.user("Hello")), "b").withMaxTokens(200), b);
    assertThat(a.result.get(60, TimeUnit.SECONDS).completionTokens()).isPositive();
    assertThat(b.result.get(60, TimeUnit.SECONDS).completionTokens()).isPositive();
  }

  @Test
  void moreRequestsThanSlotsQueueAndAllComplete() throws Exception {
    var listeners = new ArrayList<Recorder>();
    for (int i = 0; i < 5; i++) {
      var listener = new Recorder();
      model.stream(turn(List.of(ChatMessage.user("Hi " + i)), "q" + i).withMaxTokens(50), listener);
      listeners.add(listener);
    }
    for (var listener : listeners) {
      assertThat(listener.result.get(60, TimeUnit.SECONDS).text()).isNotEmpty();
    }
  }

  @Test
  void cancelEndsWithCancelledAndNoFurtherTokens() throws Exception {
    var listener = new Recorder();
    var stream =
        model.stream(
            turn(List.of(ChatMessage.user("Tell me a story")), "story").withMaxTokens(2000),
            listener);
    assertThat(listener.firstToken.await(60, TimeUnit.SECONDS)).isTrue();
    stream.cancel();
    int atCancel = listener.tokens.size();
    assertThatThrownBy(() -> listener.result.get(10, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(LlmException.class)
        .extracting(e -> ((LlmException) e).code())
        .isEqualTo(LlmErrorCode.CANCELLED);
    assertThat(listener.tokens).hasSize(atCancel);
    // The slot is free again and the model still answers.
    assertThat(model.complete(turn(List.of(ChatMessage.user("Hola")), "story")).text())
        .isNotEmpty();
  }

  @Test
  void maxTokensBoundsTheReply() {
    var result = model.complete(turn(List.of(ChatMessage.user("Hola")), null).withMaxTokens(12));
    assertThat(result.completionTokens()).isBetween(1, 12);
  }

  private static ChatRequest turn(List<ChatMessage> messages, String cacheKey) {
    return new ChatRequest(messages, 8, 0.7, null, cacheKey);
  }

  /** Waits until llama.cpp has logged {@code count} prompt evaluations; returns their sizes. */
  private static List<Integer> awaitPromptEvaluations(Path log, int count) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> promptEvaluations(log), sizes -> sizes.size() >= count);
  }

  private static List<Integer> promptEvaluations(Path log) throws Exception {
    var sizes = new ArrayList<Integer>();
    var matcher = PROMPT_EVAL.matcher(Files.readString(log, StandardCharsets.ISO_8859_1));
    while (matcher.find()) {
      sizes.add(Integer.parseInt(matcher.group(1)));
    }
    return sizes;
  }

  /** A GGUF v3 header with no tensors and only {@code general.architecture}. */
  private static byte[] ggufHeaderWithArchitecture(String architecture) {
    var key = "general.architecture".getBytes(StandardCharsets.UTF_8);
    var value = architecture.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(64 + key.length + value.length)
        .order(ByteOrder.LITTLE_ENDIAN)
        .put("GGUF".getBytes(StandardCharsets.US_ASCII))
        .putInt(3)
        .putLong(0)
        .putLong(1)
        .putLong(key.length)
        .put(key)
        .putInt(8)
        .putLong(value.length)
        .put(value)
        .array();
  }
}
