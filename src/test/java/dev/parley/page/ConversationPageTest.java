package dev.parley.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.FakeOpenAiServer;
import dev.parley.testing.ParleyIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The page at {@code /} in a real browser, typed conversation: pick a character and level, read the
 * opening line, type a message and watch the streamed reply, all stored under this browser's
 * learner id.
 */
@ParleyIntegrationTest
class ConversationPageTest {

  static final FakeOpenAiServer provider = FakeOpenAiServer.start();

  @DynamicPropertySource
  static void useTheFakeProvider(DynamicPropertyRegistry registry) {
    provider.serveAsChatModel(registry);
  }

  @AfterAll
  static void stopProvider() {
    provider.close();
  }

  @LocalServerPort int port;
  @TempDir Path temp;

  @Test
  void aTypedConversationThroughThePage() throws Exception {
    provider.enqueueReply("I'm so sorry", " to hear that.", " Let me see what I can do.");
    try (var chromium = HeadlessChromium.start(temp.resolve("profile"), null)) {
      var browser = chromium.driver();
      chromium.startConversation(
          "http://localhost:" + port + "/", "hotel-complaint-new-york", "B2");

      var learner = (String) chromium.script("return window.parley.learner");
      var sessionId = (String) chromium.script("return window.parley.state().sessionId");
      var character = get("/api/characters/hotel-complaint-new-york", learner);
      assertThat(lines(browser, "character"))
          .containsExactly(character.get("openingLine").asString());
      assertThat(browser.findElement(By.id("conversation-title")).getText()).contains("B2");

      var input = browser.findElement(By.id("text"));
      input.sendKeys("My room is next to the elevator and it is very noisy.", Keys.ENTER);
      var completed =
          (Map<?, ?>) chromium.script("return window.parley.waitFor('turn.completed')");

      var reply = "I'm so sorry to hear that. Let me see what I can do.";
      assertThat(completed.get("status")).isEqualTo("completed");
      assertThat(lines(browser, "learner"))
          .containsExactly("My room is next to the elevator and it is very noisy.");
      assertThat(lines(browser, "character")).last().isEqualTo(reply);
      assertThat(input.getAttribute("value")).isEmpty();
      assertThat(provider.lastRequest().messages().getLast().text())
          .contains("next to the elevator");

      // The session belongs to the learner id the page keeps in localStorage.
      var stored = get("/api/sessions/" + sessionId, learner);
      assertThat(stored.get("session").get("level").asString()).isEqualTo("B2");
      assertThat(stored.get("turns").get(1).get("reply").asString()).isEqualTo(reply);
      assertThat(chromium.script("return localStorage.getItem('parley.learner')"))
          .isEqualTo(learner);
      chromium.screenshotIfAsked("typed");
    }
  }

  private static List<String> lines(org.openqa.selenium.WebDriver browser, String role) {
    return browser.findElements(By.cssSelector("#transcript .line." + role + " .text")).stream()
        .map(WebElement::getText)
        .toList();
  }

  private JsonNode get(String path, String learner) throws Exception {
    try (var http = HttpClient.newHttpClient()) {
      var response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                  .header("X-Parley-Learner", learner)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
      return JsonMapper.builder().build().readTree(response.body());
    }
  }
}
