package dev.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.llm.local.TinyGguf;
import dev.parley.testing.ParleyIntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The default, key-free stack end to end: llama.cpp in-process on a GGUF file (a tiny random-weight
 * model the test generates, since no real weights can be downloaded here), streamed over SSE and
 * stored in PostgreSQL.
 */
@ParleyIntegrationTest
class LocalConversationEndToEndTest {

  static final Path MODEL = tinyModel();

  @DynamicPropertySource
  static void useTheTinyModel(DynamicPropertyRegistry registry) {
    registry.add("parley.llm.provider", () -> "local");
    registry.add("parley.llm.local.model", MODEL::toString);
    registry.add("parley.llm.local.context-size", () -> "4096");
    registry.add("parley.llm.local.threads", () -> "2");
    registry.add("parley.conversation.max-reply-tokens", () -> "24");
  }

  @LocalServerPort int port;

  @Test
  void twoTurnsStreamFromTheInProcessModelAndAreStored() throws Exception {
    var api = new ApiClient(port, "local-e2e");
    var id = api.startSession("job-interview-london");

    for (String message : new String[] {"Good morning, thanks for having me.", "I like coffee."}) {
      var events =
          ApiClient.readTurn(
              api.postForEvents("/api/sessions/" + id + "/messages", ApiClient.message(message)));
      var completed = events.getLast();
      assertThat(completed.name()).isEqualTo("turn.completed");
      var streamed =
          events.stream()
              .filter(e -> e.name().equals("reply.delta"))
              .map(e -> e.data().get("text").asString())
              .reduce("", String::concat);
      assertThat(streamed).isNotEmpty().isEqualTo(completed.data().get("reply").asString());
    }

    var turns = ApiClient.json(api.get("/api/sessions/" + id + "/turns"));
    assertThat(turns.size()).isEqualTo(3);
    var last = turns.get(2);
    assertThat(last.get("status").asString()).isEqualTo("completed");
    assertThat(last.toString()).contains("local").contains(MODEL.getFileName().toString());
  }

  private static Path tinyModel() {
    try {
      return TinyGguf.write(Files.createTempDirectory("parley-e2e-model"), 7);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
