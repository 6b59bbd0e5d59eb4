package dev.parley.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.FakeOpenAiServer;
import dev.parley.testing.ParleyIntegrationTest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The page's Hint button and its moderation notices, in a real browser. */
@ParleyIntegrationTest
@TestPropertySource(
    properties = {"parley.hints.silence-after=0", "parley.moderation.categories.violence=end"})
class HintAndModerationPageTest {

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
  void aHintOnRequestThenAConversationEndedByModeration() throws Exception {
    try (var chromium = HeadlessChromium.start(temp.resolve("profile"), null)) {
      var browser = chromium.driver();
      chromium.startConversation("http://localhost:" + port + "/", "barista-madrid", "B1");

      provider.enqueueReply(
          "{\"suggestion\":\"Un café con leche, por favor.\",\"phrase\":\"¿Cuánto es?\","
              + "\"translation\":\"\"}");
      browser.findElement(By.id("hint-button")).click();
      var hint = (Map<?, ?>) chromium.script("return window.parley.waitFor('hint')");
      assertThat(hint.get("ref")).isEqualTo("hint");
      assertThat(browser.findElement(By.id("hint")).getText())
          .contains("Un café con leche, por favor.")
          .contains("¿Cuánto es?");

      provider.enqueueReply("Vale.");
      browser.findElement(By.id("text")).sendKeys("Te voy a matar.", Keys.ENTER);
      chromium.script("return window.parley.waitFor('session.ended')");
      assertThat(browser.findElement(By.id("notices")).getText())
          .contains("Your message")
          .contains("violence");
      assertThat(browser.findElement(By.id("text")).isEnabled()).isFalse();
      assertThat(browser.findElement(By.id("hint")).isDisplayed()).isFalse();

      // The evaluation of the ended session comes next; the reason it ended stays in view.
      chromium.script(
          "return Promise.any([window.parley.waitFor('evaluation.completed'),"
              + " window.parley.waitFor('evaluation.failed')])");
      assertThat(browser.findElement(By.id("connection")).getText()).contains("moderation");
    }
  }
}
