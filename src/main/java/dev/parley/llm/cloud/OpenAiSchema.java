package dev.parley.llm.cloud;

import java.util.HashSet;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a {@link dev.parley.llm.ResponseSchema} as the {@code json_schema} of OpenAI's {@code
 * response_format}: the same subset {@link JsonSchemaConverter} reads for the other vendors
 * (object, string, integer, number, boolean, array, enum, required, additionalProperties,
 * description), anything else rejected with its path, other keywords dropped.
 *
 * <p>OpenAI's strict mode guarantees the shape but rejects a schema with an optional property or
 * an object open to more; such a schema is sent without it, as a hint the server may ignore, and
 * {@link dev.parley.llm.StructuredOutput} validates the answer either way.
 */
final class OpenAiSchema {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JsonNode root;

  private OpenAiSchema(JsonNode root) {
    this.root = root;
  }

  static OpenAiSchema parse(String schemaJson) {
    var root = JSON.readTree(schemaJson);
    check(root, "$");
    return new OpenAiSchema(root);
  }

  /** Whether OpenAI's strict mode accepts it: every object closed, every property required. */
  boolean strict() {
    return strict(root);
  }

  void write(JsonGenerator out) {
    write(root, out);
  }

  private static void check(JsonNode node, String path) {
    if (node.has("enum")) {
      return;
    }
    var type = node.path("type").asString("");
    switch (type) {
      case "object" ->
          node.path("properties")
              .properties()
              .forEach(entry -> check(entry.getValue(), path + "." + entry.getKey()));
      case "array" -> {
        if (!node.has("items")) {
          throw new IllegalArgumentException("Array schema at " + path + " needs 'items'");
        }
        check(node.get("items"), path + "[]");
      }
      case "string", "integer", "number", "boolean" -> {}
      default ->
          throw new IllegalArgumentException(
              "Unsupported JSON Schema type '%s' at %s; use object, string, integer, number, boolean, array or enum"
                  .formatted(type, path));
    }
  }

  private static boolean strict(JsonNode node) {
    if (node.has("enum")) {
      return true;
    }
    return switch (node.path("type").asString("")) {
      case "object" -> {
        var required = new HashSet<String>();
        node.path("required").forEach(name -> required.add(name.asString()));
        var properties = node.path("properties").properties();
        yield node.path("additionalProperties").isBoolean()
            && !node.get("additionalProperties").asBoolean()
            && properties.stream().allMatch(entry -> required.contains(entry.getKey()))
            && properties.stream().allMatch(entry -> strict(entry.getValue()));
      }
      case "array" -> strict(node.get("items"));
      default -> true;
    };
  }

  private static void write(JsonNode node, JsonGenerator out) {
    out.writeStartObject();
    if (node.has("enum")) {
      out.writeStringProperty("type", "string");
      out.writeArrayPropertyStart("enum");
      node.get("enum").forEach(value -> out.writeString(value.asString()));
      out.writeEndArray();
    } else {
      var type = node.get("type").asString();
      out.writeStringProperty("type", type);
      if (type.equals("object")) {
        object(node, out);
      } else if (type.equals("array")) {
        out.writeName("items");
        write(node.get("items"), out);
      }
    }
    if (node.path("description").isString()) {
      out.writeStringProperty("description", node.get("description").asString());
    }
    out.writeEndObject();
  }

  private static void object(JsonNode node, JsonGenerator out) {
    out.writeObjectPropertyStart("properties");
    for (var entry : node.path("properties").properties()) {
      out.writeName(entry.getKey());
      write(entry.getValue(), out);
    }
    out.writeEndObject();
    out.writeArrayPropertyStart("required");
    node.path("required").forEach(name -> out.writeString(name.asString()));
    out.writeEndArray();
    if (node.path("additionalProperties").isBoolean()) {
      out.writeBooleanProperty(
          "additionalProperties", node.get("additionalProperties").asBoolean());
    }
  }
}
