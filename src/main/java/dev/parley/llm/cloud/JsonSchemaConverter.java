package dev.parley.llm.cloud;

import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the JSON Schema subset of {@link dev.parley.llm.ResponseSchema} (object, string, integer,
 * number, boolean, array, enum, required, additionalProperties, description) into LangChain4j's
 * schema model, which each vendor module then writes in its own dialect.
 */
final class JsonSchemaConverter {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private JsonSchemaConverter() {}

  static JsonSchemaElement convert(String schemaJson) {
    return convert(JSON.readTree(schemaJson), "$");
  }

  private static JsonSchemaElement convert(JsonNode node, String path) {
    var description = node.path("description").isString() ? node.get("description").asString() : null;
    if (node.has("enum")) {
      var values = new ArrayList<String>();
      node.get("enum").forEach(value -> values.add(value.asString()));
      return JsonEnumSchema.builder().enumValues(values).description(description).build();
    }
    var type = node.path("type").asString("");
    return switch (type) {
      case "object" -> object(node, path, description);
      case "array" -> {
        if (!node.has("items")) {
          throw new IllegalArgumentException("Array schema at " + path + " needs 'items'");
        }
        yield JsonArraySchema.builder()
            .items(convert(node.get("items"), path + "[]"))
            .description(description)
            .build();
      }
      case "string" -> JsonStringSchema.builder().description(description).build();
      case "integer" -> JsonIntegerSchema.builder().description(description).build();
      case "number" -> JsonNumberSchema.builder().description(description).build();
      case "boolean" -> JsonBooleanSchema.builder().description(description).build();
      default ->
          throw new IllegalArgumentException(
              "Unsupported JSON Schema type '%s' at %s; use object, string, integer, number, boolean, array or enum"
                  .formatted(type, path));
    };
  }

  private static JsonObjectSchema object(JsonNode node, String path, String description) {
    var builder = JsonObjectSchema.builder().description(description);
    node.path("properties")
        .properties()
        .forEach(entry -> builder.addProperty(entry.getKey(), convert(entry.getValue(), path + "." + entry.getKey())));
    var required = new ArrayList<String>();
    node.path("required").forEach(name -> required.add(name.asString()));
    builder.required(required);
    if (node.path("additionalProperties").isBoolean()) {
      builder.additionalProperties(node.get("additionalProperties").asBoolean());
    }
    return builder.build();
  }
}
