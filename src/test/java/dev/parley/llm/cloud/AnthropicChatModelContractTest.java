package dev.parley.llm.cloud;

import dev.parley.llm.ChatModel;
import dev.parley.llm.LlmProperties.Cloud;
import dev.parley.testing.FakeAnthropicServer;
import dev.parley.testing.FakeLlmServer;
import tools.jackson.databind.JsonNode;

class AnthropicChatModelContractTest extends FakeProviderContractTest {

  @Override
  FakeLlmServer startServer() {
    return FakeAnthropicServer.start();
  }

  @Override
  ChatModel createModel(Cloud cloud) {
    return CloudChatModels.anthropic(cloud, TIMEOUTS);
  }

  @Override
  String modelName() {
    return "claude-haiku-4-5";
  }

  @Override
  JsonNode schemaInRequest(JsonNode body) {
    return body.path("output_config").path("format").path("schema");
  }

  @Override
  String apiKeyHeader() {
    return "x-api-key";
  }
}
