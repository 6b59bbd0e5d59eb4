package dev.parley.llm.cloud;

import dev.parley.llm.ChatMessage;
import dev.parley.llm.ChatRequest;
import java.io.ByteArrayOutputStream;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of a streaming chat completions request, written straight to bytes with Jackson's
 * generator (which does the escaping): no request object model in between. It asks for usage in
 * the stream's last chunk ({@code stream_options.include_usage}).
 */
final class OpenAiRequestBody {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int INITIAL_BYTES = 2048;

  private OpenAiRequestBody() {}

  static byte[] write(String model, ChatRequest request) {
    // Parsed first: an unsupported schema fails the call before anything is written or sent.
    var schema =
        request.responseSchema() == null
            ? null
            : OpenAiSchema.parse(request.responseSchema().json());
    var bytes = new ByteArrayOutputStream(INITIAL_BYTES);
    try (var out = JSON.createGenerator(bytes)) {
      out.writeStartObject();
      out.writeStringProperty("model", model);
      out.writeArrayPropertyStart("messages");
      for (ChatMessage message : request.messages()) {
        out.writeStartObject();
        out.writeStringProperty("role", message.role().name().toLowerCase(Locale.ROOT));
        out.writeStringProperty("content", message.text());
        out.writeEndObject();
      }
      out.writeEndArray();
      out.writeNumberProperty("temperature", request.temperature());
      out.writeNumberProperty("max_tokens", request.maxTokens());
      out.writeBooleanProperty("stream", true);
      out.writeObjectPropertyStart("stream_options");
      out.writeBooleanProperty("include_usage", true);
      out.writeEndObject();
      if (schema != null) {
        out.writeObjectPropertyStart("response_format");
        out.writeStringProperty("type", "json_schema");
        out.writeObjectPropertyStart("json_schema");
        out.writeStringProperty("name", request.responseSchema().name());
        out.writeBooleanProperty("strict", schema.strict());
        out.writeName("schema");
        schema.write(out);
        out.writeEndObject();
        out.writeEndObject();
      }
      out.writeEndObject();
    }
    return bytes.toByteArray();
  }
}
