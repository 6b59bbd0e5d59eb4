package dev.parley.llm.cloud;

import dev.parley.llm.ChatModel;
import dev.parley.llm.LlmProperties.Cloud;
import dev.parley.testing.FakeLlmServer;
import dev.parley.testing.FakeOpenAiServer;
import tools.jackson.databind.JsonNode;

class OpenAiChatModelContractTest extends FakeProviderContractTest {

  @Override
  FakeLlmServer startServer() {
    return FakeOpenAiServer.start();
  }

  @Override
  ChatModel createModel(Cloud cloud) {
    return CloudChatModels.openAi(cloud, TIMEOUTS);
  }

  @Override
  String modelName() {
    return "gpt-4o-mini";
  }

  @Override
  JsonNode schemaInRequest(JsonNode body) {
    return body.path("response_format").path("json_schema").path("schema");
  }

  @Override
  String apiKeyHeader() {
    return "Authorization";
  }

  @Override
  String apiKeyHeaderValue() {
    return "Bearer " + API_KEY;
  }
}
