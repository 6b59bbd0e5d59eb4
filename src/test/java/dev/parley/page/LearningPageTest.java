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

/** Corrections under the learner's lines and the evaluation after finishing, in a real browser. */
@ParleyIntegrationTest
@TestPropertySource(properties = "parley.hints.silence-after=0")
class LearningPageTest {

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
  void correctionsAppearUnderTheLineAndFinishingShowsTheEvaluation() throws Exception {
    try (var chromium = HeadlessChromium.start(temp.resolve("profile"), null)) {
      var browser = chromium.driver();
      chromium.startConversation("http://localhost:" + port + "/", "job-interview-london", "B1");

      provider.enqueueReply("I see. Why was that?");
      browser.findElement(By.id("text")).sendKeys("She go to school yesterday.", Keys.ENTER);
      var feedback = (Map<?, ?>) chromium.script("return window.parley.waitFor('feedback', 90000)");
      assertThat(feedback.get("number")).isEqualTo(1L);
      var line = browser.findElement(By.cssSelector("#transcript .line.learner[data-number='1']"));
      assertThat(line.findElement(By.className("corrections")).getText()).contains("go →");

      // Moderation redacts an address; the feedback that follows takes it off the line too.
      provider.enqueueReply("Noted.");
      browser
          .findElement(By.id("text"))
          .sendKeys("Mail me at ana.lopez@example.com please.", Keys.ENTER);
      chromium.script(
          "return window.parley.waitFor('feedback', 90000,"
              + " (e) => e.number === 2 && e.text.includes('[redacted]'))");
      var redacted =
          browser.findElement(By.cssSelector("#transcript .line.learner[data-number='2'] .text"));
      assertThat(redacted.getText()).isEqualTo("Mail me at [redacted] please.");

      provider.enqueueReply(
          "{\"score\":61,\"justification\":\"Clear answers.\",\"strengths\":[\"Polite\"],"
              + "\"improvements\":[\"Past simple: she went\"],\"debrief\":\"A short interview.\"}");
      browser.findElement(By.id("finish")).click();
      chromium.script("return window.parley.waitFor('evaluation.completed')");
      assertThat(browser.findElement(By.id("evaluation")).getText())
          .contains("Score: 61 / 100")
          .contains("A short interview.")
          .contains("Past simple: she went");
      assertThat(browser.findElement(By.id("text")).isEnabled()).isFalse();
      chromium.screenshotIfAsked("learning");
    }
  }
}
