package dev.parley.llm.cloud;

import dev.parley.llm.ChatModel;
import dev.parley.llm.LlmProperties.Cloud;
import dev.parley.testing.FakeGeminiServer;
import dev.parley.testing.FakeLlmServer;
import tools.jackson.databind.JsonNode;

class GeminiChatModelContractTest extends FakeProviderContractTest {

  @Override
  FakeLlmServer startServer() {
    return FakeGeminiServer.start();
  }

  @Override
  ChatModel createModel(Cloud cloud) {
    return CloudChatModels.gemini(cloud, TIMEOUTS);
  }

  @Override
  String modelName() {
    return "gemini-2.5-flash";
  }

  @Override
  JsonNode schemaInRequest(JsonNode body) {
    var config = body.path("generationConfig");
    return config.has("responseJsonSchema") ? config.get("responseJsonSchema") : config.path("responseSchema");
  }

  @Override
  String apiKeyHeader() {
    return "x-goog-api-key";
  }
}
