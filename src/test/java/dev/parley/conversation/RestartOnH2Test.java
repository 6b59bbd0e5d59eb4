package dev.parley.conversation;

import static dev.parley.conversation.ApiClient.json;
import static dev.parley.conversation.ApiClient.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ParleyApplication;
import dev.parley.testing.ScriptedChatModel;
import dev.parley.testing.ScriptedLlmConfig;
import dev.parley.testing.TestCharacters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The default embedded H2 file database: migrations run on it, and every acknowledged turn is still
 * there after the server restarts.
 */
class RestartOnH2Test {

  @TempDir Path dataDir;

  @Test
  void acknowledgedTurnsSurviveARestart() throws Exception {
    String sessionId;
    var acknowledged = new ArrayList<String>();
    var replies = new ArrayList<String>();
    try (var first = start()) {
      var api = new ApiClient(port(first), "restart");
      sessionId = api.startSession(TestCharacters.BARISTA);
      var model = first.getBean(ScriptedChatModel.class);
      for (var text : List.of("Hola", "Un café", "Gracias")) {
        model.enqueueReply("Respuesta a ", text);
        var turn = json(api.post("/api/sessions/" + sessionId + "/messages", message(text)));
        acknowledged.add(turn.get("id").asString());
        replies.add(turn.get("reply").asString());
      }
      model.enqueueReply("Por ", "SSE");
      var events =
          ApiClient.readTurn(
              api.postForEvents("/api/sessions/" + sessionId + "/messages", message("Adiós")));
      acknowledged.add(events.getLast().data().get("turnId").asString());
      replies.add(events.getLast().data().get("reply").asString());
    }

    try (var second = start()) {
      var api = new ApiClient(port(second), "restart");
      var session = json(api.get("/api/sessions/" + sessionId));
      assertThat(session.get("session").get("status").asString()).isEqualTo("active");
      var turns = session.get("turns");
      assertThat(turns).hasSize(5);
      var ids = new ArrayList<String>();
      var stored = new ArrayList<String>();
      for (int i = 1; i < turns.size(); i++) {
        ids.add(turns.get(i).get("id").asString());
        stored.add(turns.get(i).get("reply").asString());
      }
      assertThat(ids).containsExactlyElementsOf(acknowledged);
      assertThat(stored)
          .containsExactlyElementsOf(replies)
          .containsExactly(
              "Respuesta a Hola", "Respuesta a Un café", "Respuesta a Gracias", "Por SSE");

      // The conversation goes on where it stopped.
      var next = json(api.post("/api/sessions/" + sessionId + "/messages", message("Otra vez")));
      assertThat(next.get("number").asInt()).isEqualTo(5);
    }
  }

  private ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(
            ParleyApplication.class, ScriptedLlmConfig.class, TestCharacters.class)
        .properties(
            "server.port=0",
            "spring.datasource.url=jdbc:h2:file:"
                + dataDir.resolve("parley").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=FALSE")
        .run();
  }

  private static int port(ConfigurableApplicationContext context) {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }
}
