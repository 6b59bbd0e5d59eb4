package dev.parley.llm.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import org.junit.jupiter.api.Test;

class JsonSchemaConverterTest {

  @Test
  void convertsEverySupportedConstruct() {
    var root =
        (JsonObjectSchema)
            JsonSchemaConverter.convert(
                """
                {"type":"object","description":"a score",
                 "properties":{
                   "level":{"enum":["A1","A2","B1"]},
                   "score":{"type":"number"},
                   "turns":{"type":"integer"},
                   "passed":{"type":"boolean"},
                   "notes":{"type":"array","items":{"type":"string","description":"one note"}},
                   "goal":{"type":"object","properties":{"met":{"type":"boolean"}},"required":["met"]}},
                 "required":["level","score"],
                 "additionalProperties":false}
                """);

    assertThat(root.description()).isEqualTo("a score");
    assertThat(root.required()).containsExactly("level", "score");
    assertThat(root.additionalProperties()).isFalse();
    var properties = root.properties();
    assertThat(((JsonEnumSchema) properties.get("level")).enumValues()).containsExactly("A1", "A2", "B1");
    assertThat(properties.get("score")).isInstanceOf(JsonNumberSchema.class);
    assertThat(properties.get("turns")).isInstanceOf(JsonIntegerSchema.class);
    assertThat(properties.get("passed")).isInstanceOf(JsonBooleanSchema.class);
    var notes = (JsonArraySchema) properties.get("notes");
    assertThat(((JsonStringSchema) notes.items()).description()).isEqualTo("one note");
    var goal = (JsonObjectSchema) properties.get("goal");
    assertThat(goal.required()).containsExactly("met");
    assertThat(goal.properties().get("met")).isInstanceOf(JsonBooleanSchema.class);
  }

  @Test
  void unsupportedTypesAreRejectedWithTheirPath() {
    assertThatThrownBy(
            () ->
                JsonSchemaConverter.convert(
                    "{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"null\"}}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'null'")
        .hasMessageContaining("$.x");
  }
}
