package dev.parley.character;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A request whose fields break the character rules; rendered as 400 with the field errors. */
class CharacterValidationException extends RuntimeException {

  private final Map<String, String> fields;

  CharacterValidationException(Map<String, String> fields) {
    super("Request fields are invalid: " + fields);
    this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  Map<String, String> fields() {
    return fields;
  }
}
