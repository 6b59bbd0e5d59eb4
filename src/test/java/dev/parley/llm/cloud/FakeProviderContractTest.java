package dev.parley.llm.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.llm.ChatMessage;
import dev.parley.llm.ChatModel;
import dev.parley.llm.ChatModelContractTest;
import dev.parley.llm.LlmErrorCode;
import dev.parley.llm.LlmException;
import dev.parley.llm.LlmProperties.Cloud;
import dev.parley.testing.FakeLlmServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The chat model contract, plus error mapping and structured output on the wire, for one cloud
 * adapter talking to the loopback fake of its vendor.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FakeProviderContractTest extends ChatModelContractTest {

  static final String API_KEY = "test-key-123";
  static final CloudChatModels.Timeouts TIMEOUTS =
      new CloudChatModels.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10));

  private final FakeLlmServer server = startServer();
  private final ChatModel model = createModel(new Cloud(server.baseUrl(), API_KEY, modelName()));

  abstract FakeLlmServer startServer();

  abstract ChatModel createModel(Cloud cloud);

  abstract String modelName();

  /** Where the vendor's request carries the JSON schema of structured output. */
  abstract JsonNode schemaInRequest(JsonNode body);

  /** The header that carries the API key, and its expected value. */
  abstract String apiKeyHeader();

  String apiKeyHeaderValue() {
    return API_KEY;
  }

  @BeforeEach
  void resetServer() {
    server.reset();
  }

  @AfterAll
  void stopServer() {
    server.close();
  }

  @Override
  protected ChatModel model() {
    return model;
  }

  @Override
  protected boolean scriptReply(String... chunks) {
    server.enqueueReply(chunks);
    return true;
  }

  @Override
  protected void scriptSlowReply(int chunks, Duration delay) {
    server.enqueueSlowReply(chunks, delay);
  }

  @Override
  protected LlmErrorCode scriptUnavailable() {
    server.enqueueFailure(503);
    return LlmErrorCode.PROVIDER_UNAVAILABLE;
  }

  @Override
  protected List<ChatMessage> lastReceivedMessages() {
    return server.lastRequest().messages();
  }

  @Test
  void sendsTheConfiguredModelAndKey() {
    model.complete(request("Hi"));
    var received = server.lastRequest();
    assertThat(received.header(apiKeyHeader())).isEqualTo(apiKeyHeaderValue());
    assertThat(received.path() + received.body()).contains(modelName());
    assertThat(model.info().model()).isEqualTo(modelName());
  }

  @Test
  void reportsPromptAndCompletionTokens() {
    server.enqueueReply("Uno", " dos", " tres");
    var result = model.complete(request("Count to three"));
    assertThat(result.text()).isEqualTo("Uno dos tres");
    assertThat(result.promptTokens()).isPositive();
    assertThat(result.completionTokens()).isEqualTo(3);
  }

  @Test
  void sendsTheResponseSchemaToTheProvider() {
    server.enqueueReply("{\"name\":\"Ana\",\"age\":31}");
    model.complete(request("Invent a person").withResponseSchema(PERSON_SCHEMA));
    var schema = schemaInRequest(server.lastRequest().json());
    assertThat(schema.toString()).contains("name", "age");
    assertThat(schema.path("properties").path("age").path("type").asString())
        .isEqualToIgnoringCase("integer");
  }

  @Test
  void rateLimitIsReportedAsRateLimited() {
    server.enqueueFailure(429);
    assertThatThrownBy(() -> model.complete(request("Hi")))
        .isInstanceOf(LlmException.class)
        .extracting(e -> ((LlmException) e).code())
        .isEqualTo(LlmErrorCode.RATE_LIMITED);
  }

  @Test
  void rejectedKeyNamesTheSettingToCheck() {
    server.enqueueFailure(401);
    assertThatThrownBy(() -> model.complete(request("Hi")))
        .isInstanceOf(LlmException.class)
        .hasMessageContaining("PARLEY_LLM_" + model.info().provider().toUpperCase() + "_API_KEY")
        .extracting(e -> ((LlmException) e).code())
        .isEqualTo(LlmErrorCode.PROVIDER_ERROR);
  }

  @Test
  void otherClientErrorsAreProviderErrors() {
    server.enqueueFailure(400);
    assertThatThrownBy(() -> model.complete(request("Hi")))
        .isInstanceOf(LlmException.class)
        .hasMessageContaining("_MODEL")
        .extracting(e -> ((LlmException) e).code())
        .isEqualTo(LlmErrorCode.PROVIDER_ERROR);
  }

  @Test
  void unreachableProviderIsUnavailable() {
    var closed = startServer();
    var baseUrl = closed.baseUrl();
    closed.close();
    var unreachable = createModel(new Cloud(baseUrl, API_KEY, modelName()));
    assertThatThrownBy(() -> unreachable.complete(request("Hi")))
        .isInstanceOf(LlmException.class)
        .hasMessageContaining("BASE_URL")
        .extracting(e -> ((LlmException) e).code())
        .isEqualTo(LlmErrorCode.PROVIDER_UNAVAILABLE);
  }
}
