package dev.parley.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.parley.testing.FakeOpenAiServer;
import dev.parley.testing.ParleyIntegrationTest;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A spoken turn through the page in a real browser: Chromium's fake microphone plays a flite
 * recording, the page streams it over the session socket, the server's local recogniser
 * (pocketsphinx) and synthesizer (FreeTTS) answer with the reply spoken, and the page plays it and
 * reports what was heard. Only the LLM is a loopback fake.
 *
 */
@ParleyIntegrationTest
class VoicePageTest {

  static final FakeOpenAiServer provider = FakeOpenAiServer.start();
  static final String UTTERANCE = "I would like to speak to the manager please";
  static final String REPLY = "Absolutely. Let me see what I can do for you.";

  @TempDir static Path temp;
  static Path microphone;

  @DynamicPropertySource
  static void useTheFakeProvider(DynamicPropertyRegistry registry) {
    registry.add("parley.llm.provider", () -> "openai");
    registry.add("parley.llm.openai.base-url", provider::baseUrl);
    registry.add("parley.llm.openai.api-key", () -> "sk-test");
  }

  @BeforeAll
  static void recordTheLearner() throws Exception {
    microphone = FakeMicrophone.record(temp, UTTERANCE);
  }

  @AfterAll
  static void stopProvider() {
    provider.close();
  }

  @LocalServerPort int port;

  @Test
  void aSpokenTurnIsTranscribedAnsweredAndPlayed() throws Exception {
    provider.defaultReply("Absolutely.", " Let me see", " what I can do for you.");
    try (var chromium = HeadlessChromium.start(temp.resolve("profile"), microphone)) {
      var browser = chromium.driver();
      browser.get("http://localhost:" + port + "/?raw=1");
      chromium.script("return window.parley.loaded");
      new Select(browser.findElement(By.id("character")))
          .selectByValue("hotel-complaint-new-york");
      browser.findElement(By.id("start")).click();
      chromium.script("return window.parley.waitFor('session.ready')");

      browser.findElement(By.id("mic")).click();
      var voiceSupported =
          (Boolean)
              chromium.script(
                  "return window.parley.waitFor('audio.ready', 5000).then(() => true, () => false)");
      assumeThat(voiceSupported)
          .as("The server answered audio.start with no audio.ready within 5 s: it has no voice"
              + " support yet (errors: %s)",
              chromium.script("return window.parley.events.filter(e => e.type === 'error')"))
          .isTrue();

      var heard =
          (Map<?, ?>) chromium.script("return window.parley.waitFor('transcript.final', 60000)");
      var text = (String) heard.get("text");
      // The recogniser may mishear a word ("monitor") as the browser's timing varies from run to
      // run: most of the words must come through.
      var words = List.of(text.toLowerCase().split("\\s+"));
      var said = UTTERANCE.toLowerCase().split(" ");
      assertThat(Arrays.stream(said).filter(words::contains).count())
          .as("words of \"%s\" in \"%s\"", UTTERANCE, text)
          .isGreaterThanOrEqualTo(said.length * 2L / 3);

      var audioEnd =
          (Map<?, ?>) chromium.script("return window.parley.waitFor('reply.audio.end', 60000)");
      assertThat(audioEnd.get("status")).isEqualTo("completed");
      assertThat((Long) chromium.script("return window.parley.received.audioFrames"))
          .isPositive();
      var metrics =
          (Map<?, ?>) chromium.script("return window.parley.waitFor('turn.metrics', 30000)");
      assertThat(((Map<?, ?>) metrics.get("stages")).get("firstAudioSent")).isNotNull();

      // The page played the reply to its end and said so.
      chromium.script(
          "return new Promise(done => { const check = () => window.parley.state().playing"
              + " ? setTimeout(check, 100) : done(); check(); })");
      var reports = (List<?>) chromium.script("return window.parley.sent.playback");
      var last = (Map<?, ?>) reports.getLast();
      assertThat(last.get("number")).isEqualTo(heard.get("number"));
      assertThat(((Number) last.get("playedMs")).longValue())
          .isCloseTo(((Number) audioEnd.get("durationMs")).longValue(), within(150L));

      assertThat(browser.findElements(By.cssSelector("#transcript .line.learner .text")))
          .extracting(WebElement::getText)
          .containsExactly(text);
      assertThat(browser.findElements(By.cssSelector("#transcript .line.character .text")))
          .last()
          .extracting(WebElement::getText)
          .isEqualTo(REPLY);
      chromium.screenshotIfAsked("voice");
    }
  }
}
