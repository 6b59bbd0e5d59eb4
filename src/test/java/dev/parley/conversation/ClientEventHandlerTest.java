package dev.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.learner.Learner;
import dev.parley.testing.LearnerClient;
import dev.parley.testing.ParleyIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/** Client event types added by other modules, answered through {@link LiveSessions}. */
@ParleyIntegrationTest
@Import(ClientEventHandlerTest.Extensions.class)
class ClientEventHandlerTest {

  @LocalServerPort int port;

  @Test
  void anExtensionAnswersThroughLiveSessionsAndABrokenOneCostsOnlyAnError() throws Exception {
    var api = new LearnerClient(port, "extension-learner");
    var id = api.startSession("barista-madrid");
    try (var socket = api.connect(id)) {
      socket.next("session.ready");

      socket.send(Map.of("type", "echo.request", "ref", "e1"));
      var echo = socket.next("echo");
      assertThat(echo.get("learner").asString()).isEqualTo("extension-learner");
      assertThat(echo.get("sessionId").asString()).isEqualTo(id);
      assertThat(echo.get("ref").asString()).isEqualTo("e1");

      socket.send(Map.of("type", "broken.request", "ref", "b1"));
      var error = socket.next("error");
      assertThat(error.get("code").asString()).isEqualTo("internal_error");
      assertThat(error.get("ref").asString()).isEqualTo("b1");

      socket.send(Map.of("type", "ping", "ref", "still-open"));
      assertThat(socket.next("pong").get("ref").asString()).isEqualTo("still-open");
    }
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class Extensions {

    @Bean
    ClientEventHandler echo(LiveSessions live) {
      return handler(
          "echo.request",
          (learner, sessionId, event) ->
              live.push(
                  sessionId,
                  "echo",
                  Map.of(
                      "learner", learner.id(),
                      "sessionId", sessionId,
                      "ref", event.path("ref").asString())));
    }

    @Bean
    ClientEventHandler broken() {
      return handler(
          "broken.request",
          (learner, sessionId, event) -> {
            throw new IllegalStateException("a bug in an extension");
          });
    }

    private static ClientEventHandler handler(String type, Body body) {
      return new ClientEventHandler() {
        @Override
        public String type() {
          return type;
        }

        @Override
        public void handle(Learner learner, String sessionId, JsonNode event) {
          body.handle(learner, sessionId, event);
        }
      };
    }

    interface Body {
      void handle(Learner learner, String sessionId, JsonNode event);
    }
  }
}
