package dev.parley.llm.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.llm.ChatMessage;
import dev.parley.llm.ChatRequest;
import dev.parley.llm.ResponseSchema;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OpenAiRequestBodyTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void writesAStreamingRequestWithUsageAndEscapedText() {
    var tricky = "Say \"hi\"\\n\n\ttab \u0001 é 👋 </script>";
    var request =
        new ChatRequest(
            List.of(
                ChatMessage.system("Be brief."),
                ChatMessage.assistant("¡Hola!"),
                ChatMessage.user(tricky)),
            64,
            0.3,
            null,
            "session-1");
    var body = read(request);

    assertThat(body.path("model").asString()).isEqualTo("gpt-4o-mini");
    assertThat(body.path("stream").asBoolean()).isTrue();
    assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
    assertThat(body.path("max_tokens").asInt()).isEqualTo(64);
    assertThat(body.path("temperature").asDouble()).isEqualTo(0.3);
    assertThat(body.has("response_format")).isFalse();
    var messages = body.path("messages");
    assertThat(messages.get(0).path("role").asString()).isEqualTo("system");
    assertThat(messages.get(1).path("role").asString()).isEqualTo("assistant");
    assertThat(messages.get(2).path("role").asString()).isEqualTo("user");
    assertThat(messages.get(2).path("content").asString()).isEqualTo(tricky);
  }

  @Test
  void aClosedSchemaIsSentStrictInOpenAisDialect() {
    var schema =
        schemaOf(
            """
            {"type":"object","description":"a person","$comment":"dropped",
             "properties":{
               "name":{"type":"string","minLength":1},
               "level":{"enum":["A1","B1"]},
               "tags":{"type":"array","items":{"type":"string"}},
               "pet":{"type":"object","properties":{"kind":{"type":"string"}},
                      "required":["kind"],"additionalProperties":false}},
             "required":["name","level","tags","pet"],
             "additionalProperties":false}
            """);
    var format = schema.path("json_schema");
    assertThat(schema.path("type").asString()).isEqualTo("json_schema");
    assertThat(format.path("name").asString()).isEqualTo("person");
    assertThat(format.path("strict").asBoolean()).isTrue();
    var root = format.path("schema");
    assertThat(root.path("description").asString()).isEqualTo("a person");
    assertThat(root.has("$comment")).isFalse();
    assertThat(root.path("properties").path("name").has("minLength")).isFalse();
    assertThat(root.path("properties").path("level").toString())
        .isEqualTo("{\"type\":\"string\",\"enum\":[\"A1\",\"B1\"]}");
    assertThat(root.path("properties").path("tags").path("items").path("type").asString())
        .isEqualTo("string");
    assertThat(root.path("additionalProperties").asBoolean(true)).isFalse();
    assertThat(root.path("required")).hasSize(4);
  }

  @Test
  void aSchemaWithAnOptionalPropertyOrAnOpenObjectIsNotStrict() {
    var optional =
        schemaOf(
            """
            {"type":"object","properties":{"a":{"type":"string"},"b":{"type":"integer"}},
             "required":["a"],"additionalProperties":false}
            """);
    assertThat(optional.path("json_schema").path("strict").asBoolean(true)).isFalse();
    var open =
        schemaOf(
            """
            {"type":"object","properties":{"a":{"type":"array","items":{"type":"object",
              "properties":{"x":{"type":"number"}},"required":["x"]}}},
             "required":["a"],"additionalProperties":false}
            """);
    assertThat(open.path("json_schema").path("strict").asBoolean(true)).isFalse();
  }

  @Test
  void unsupportedSchemasAreRejectedWithTheirPath() {
    var nullType = "{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"null\"}}}";
    assertThatThrownBy(() -> schemaOf(nullType))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'null'")
        .hasMessageContaining("$.x");
    assertThatThrownBy(() -> schemaOf("{\"type\":\"array\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs 'items'");
  }

  private static JsonNode schemaOf(String schemaJson) {
    var request =
        ChatRequest.of(List.of(ChatMessage.user("Invent a person")))
            .withResponseSchema(new ResponseSchema("person", schemaJson));
    return read(request).path("response_format");
  }

  private static JsonNode read(ChatRequest request) {
    return JSON.readTree(OpenAiRequestBody.write("gpt-4o-mini", request));
  }
}
