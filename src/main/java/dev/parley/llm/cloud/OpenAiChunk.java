package dev.parley.llm.cloud;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Parley reads from one chat completions chunk ({@code choices[0].delta}), or from a whole
 * completion ({@code choices[0].message}) when a server answers a streaming request in one piece.
 * Read with Jackson's streaming parser, skipping everything else, so no tree is built per token.
 *
 * @param content the text of {@code choices[0]}, null when it carries none
 * @param finishReason {@code stop}, {@code length}, … or null
 * @param promptTokens from {@code usage}, -1 when absent
 * @param completionTokens from {@code usage}, -1 when absent
 * @param error the message of an {@code error} object, null when there is none
 * @param errorType its {@code type} or {@code code}, e.g. {@code server_error}; may be null
 */
record OpenAiChunk(
    String content,
    String finishReason,
    int promptTokens,
    int completionTokens,
    String error,
    String errorType) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  static OpenAiChunk parse(byte[] json, int length) {
    try (var parser = JSON.createParser(json, 0, length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("not a JSON object");
      }
      return new Reader(parser).root();
    }
  }

  /** Fills the fields of one chunk while walking it once. */
  private static final class Reader {

    private final JsonParser parser;
    private String content;
    private String finishReason;
    private int promptTokens = -1;
    private int completionTokens = -1;
    private String error;
    private String errorType;

    Reader(JsonParser parser) {
      this.parser = parser;
    }

    OpenAiChunk root() {
      String name;
      while ((name = parser.nextName()) != null) {
        var value = parser.nextToken();
        switch (name) {
          case "choices" -> choices(value);
          case "usage" -> usage(value);
          case "error" -> error(value);
          default -> parser.skipChildren();
        }
      }
      return new OpenAiChunk(
          content, finishReason, promptTokens, completionTokens, error, errorType);
    }

    private void choices(JsonToken value) {
      if (value != JsonToken.START_ARRAY) {
        parser.skipChildren();
        return;
      }
      boolean first = true;
      for (var element = parser.nextToken();
          element != JsonToken.END_ARRAY;
          element = parser.nextToken()) {
        if (first && element == JsonToken.START_OBJECT) {
          choice();
        } else {
          parser.skipChildren();
        }
        first = false;
      }
    }

    private void choice() {
      String name;
      while ((name = parser.nextName()) != null) {
        var value = parser.nextToken();
        switch (name) {
          case "delta", "message" -> message(value);
          case "finish_reason" -> finishReason = string(value);
          default -> parser.skipChildren();
        }
      }
    }

    private void message(JsonToken value) {
      if (value != JsonToken.START_OBJECT) {
        parser.skipChildren();
        return;
      }
      String name;
      while ((name = parser.nextName()) != null) {
        var field = parser.nextToken();
        if (name.equals("content")) {
          content = string(field);
        } else {
          parser.skipChildren();
        }
      }
    }

    private void usage(JsonToken value) {
      if (value != JsonToken.START_OBJECT) {
        parser.skipChildren();
        return;
      }
      String name;
      while ((name = parser.nextName()) != null) {
        var field = parser.nextToken();
        switch (name) {
          case "prompt_tokens" -> promptTokens = integer(field);
          case "completion_tokens" -> completionTokens = integer(field);
          default -> parser.skipChildren();
        }
      }
    }

    /** OpenAI sends an object with message, type and code; some compatible servers a string. */
    private void error(JsonToken value) {
      if (value != JsonToken.START_OBJECT) {
        error = value == JsonToken.VALUE_NULL ? null : parser.getValueAsString("unknown error");
        parser.skipChildren();
        return;
      }
      String name;
      while ((name = parser.nextName()) != null) {
        var field = parser.nextToken();
        switch (name) {
          case "message" -> error = string(field);
          case "type", "code" -> {
            var text = string(field);
            errorType = errorType == null ? text : errorType;
          }
          default -> parser.skipChildren();
        }
      }
      if (error == null) {
        error = errorType == null ? "unknown error" : errorType;
      }
    }

    private String string(JsonToken value) {
      if (value == JsonToken.VALUE_STRING) {
        return parser.getString();
      }
      parser.skipChildren();
      return null;
    }

    private int integer(JsonToken value) {
      return value == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : -1;
    }
  }
}
