package dev.parley.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.FakeOpenAiServer;
import dev.parley.testing.LearnerClient;
import dev.parley.testing.ParleyIntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole server for the feedback tests: the OpenAI-compatible adapter against a loopback model,
 * PostgreSQL, the WebSocket, and a regex checker in place of LanguageTool. The subclasses share one
 * application context.
 */
@ParleyIntegrationTest
@Import(RegexGrammarCheckerConfig.class)
abstract class FeedbackIntegrationTest {

  static final String ENGLISH = "job-interview-london";
  static final String SPANISH = "barista-madrid";
  static final FakeOpenAiServer provider = FakeOpenAiServer.start();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(provider::close));
  }

  @DynamicPropertySource
  static void useTheFakeProvider(DynamicPropertyRegistry registry) {
    provider.serveAsChatModel(registry);
  }

  @LocalServerPort int port;
  @Autowired RegexGrammarChecker checker;
  LearnerClient api;
  LearnerClient other;

  @BeforeEach
  void setUp() {
    provider.reset();
    checker.delay(Duration.ZERO);
    api = new LearnerClient(port, "fb-" + UUID.randomUUID().toString().substring(0, 8));
    other = new LearnerClient(port, "fb-other-" + UUID.randomUUID().toString().substring(0, 8));
  }

  @AfterEach
  void fastChecker() {
    checker.delay(Duration.ZERO);
  }

  /** Sends a message and waits for its reply; returns the turn's number. */
  static int say(LearnerClient.Socket socket, String text) throws Exception {
    socket.send(Map.of("type", "user.text", "text", text));
    int number = socket.next("turn.started").get("number").asInt();
    var completed = socket.next("turn.completed");
    assertThat(completed.get("number").asInt()).isEqualTo(number);
    return number;
  }
}
