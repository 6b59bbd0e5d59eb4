package dev.parley.llm.cloud;

import dev.parley.llm.ChatModel;
import dev.parley.llm.LlmProperties.Cloud;
import dev.parley.testing.FakeLlmServer;
import dev.parley.testing.FakeOllamaServer;
import tools.jackson.databind.JsonNode;

class OllamaChatModelContractTest extends FakeProviderContractTest {

  @Override
  FakeLlmServer startServer() {
    return FakeOllamaServer.start();
  }

  @Override
  ChatModel createModel(Cloud cloud) {
    return CloudChatModels.ollama(cloud, TIMEOUTS);
  }

  @Override
  String modelName() {
    return "llama3.2";
  }

  @Override
  JsonNode schemaInRequest(JsonNode body) {
    return body.path("format");
  }

  /** Ollama takes no key; the adapter sends none. */
  @Override
  String apiKeyHeader() {
    return "Authorization";
  }

  @Override
  String apiKeyHeaderValue() {
    return null;
  }
}
