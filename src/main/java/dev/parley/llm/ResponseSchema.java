package dev.parley.llm;

import java.util.Objects;

/**
 * A JSON Schema (draft 2020-12 subset: object, string, integer, number, boolean, array, enum,
 * required) that structured output must follow.
 *
 * @param name short identifier, e.g. {@code character}; some providers require one
 * @param json the schema as JSON text
 */
public record ResponseSchema(String name, String json) {

  public ResponseSchema {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(json, "json");
  }
}
