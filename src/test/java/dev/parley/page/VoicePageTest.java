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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Spoken turns through the page in a real browser: Chromium's fake microphone plays flite
 * recordings, the page streams them over the session socket, the server's local recogniser
 * (pocketsphinx) and synthesizer (FreeTTS) answer with the reply spoken, and the page plays it and
 * reports what was heard. Only the LLM is a loopback fake.
 */
@ParleyIntegrationTest
class VoicePageTest {

  static final FakeOpenAiServer provider = FakeOpenAiServer.start();
  static final String UTTERANCE = "I would like to speak to the manager please";

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

  @BeforeEach
  void resetProvider() {
    provider.reset();
  }

  @Test
  void aSpokenTurnIsTranscribedAnsweredAndPlayed() throws Exception {
    provider.defaultReply("Absolutely.", " Let me see", " what I can do for you.");
    var microphone =
        new FakeMicrophone(temp).silence(1000).say(UTTERANCE).silence(2000).write("mic.wav");
    try (var chromium = talkingTo(microphone)) {
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

      var audioEnd = waitFor(chromium, "reply.audio.end");
      assertThat(audioEnd.get("status")).isEqualTo("completed");
      assertThat((Long) chromium.script("return window.parley.received.audioFrames"))
          .isPositive();
      var metrics = waitFor(chromium, "turn.metrics");
      assertThat(((Map<?, ?>) metrics.get("stages")).get("firstAudioSent")).isNotNull();

      // The page played the reply to its end and said so.
      chromium.script(
          "return new Promise(done => { const check = () => window.parley.state().playing"
              + " ? setTimeout(check, 100) : done(); check(); })");
      var last = playbackReports(chromium, (Long) heard.get("number")).getLast();
      assertThat(last).isCloseTo(((Number) audioEnd.get("durationMs")).longValue(), within(150L));

      var browser = chromium.driver();
      assertThat(browser.findElements(By.cssSelector("#transcript .line.learner .text")))
          .extracting(WebElement::getText)
          .containsExactly(text);
      assertThat(browser.findElements(By.cssSelector("#transcript .line.character .text")))
          .last()
          .extracting(WebElement::getText)
          .isEqualTo("Absolutely. Let me see what I can do for you.");
      assertThat(browser.findElement(By.id("metrics")).isDisplayed()).isTrue();
      chromium.screenshotIfAsked("voice");
    }
  }

  @Test
  void speakingOverTheReplyStopsItWhereTheLearnerInterrupted() throws Exception {
    var reply =
        List.of(
            "Absolutely, I understand completely.",
            " Our manager is in a meeting right now, but she will be back in about twenty minutes.",
            " In the meantime, may I offer you a complimentary drink at the bar while you wait?",
            " I can also write down your concerns, so that she knows everything before she"
                + " speaks with you.");
    provider.enqueueReply(reply.toArray(String[]::new)).defaultReply("Of course.");
    // The second utterance starts about three seconds into the reply, which lasts far longer.
    var microphone =
        new FakeMicrophone(temp)
            .silence(1000)
            .say(UTTERANCE)
            .silence(4000)
            .say("Sorry, I have to go now")
            .silence(2000)
            .write("mic.wav");
    try (var chromium = talkingTo(microphone)) {
      var first = (Long) waitFor(chromium, "reply.audio.start").get("number");
      // The server sends audio faster than it plays, so all of it may be sent before the learner
      // cuts in: then only the page can stop it, and its reports say what was heard.
      var audioEnd = waitFor(chromium, "reply.audio.end");
      var sentMs = ((Number) audioEnd.get("durationMs")).longValue();
      var next =
          (Map<?, ?>)
              chromium.script(
                  "return window.parley.waitFor('transcript.final', 60000, e => e.number > "
                      + first
                      + ")");
      assertThat((String) next.get("text")).isNotBlank();

      var heardMs = playbackReports(chromium, first).getLast();
      assertThat(heardMs).isBetween(1000L, 8000L).isLessThan(sentMs - 2000);
      var turns =
          (List<?>)
              chromium.script(
                  "return fetch(`/api/sessions/${window.parley.state().sessionId}/turns`,"
                      + " { headers: { 'X-Parley-Learner': window.parley.learner } })"
                      + ".then(response => response.json())");
      var interrupted = (Map<?, ?>) turns.get(first.intValue());
      assertThat(interrupted.get("status")).isEqualTo("interrupted");
      var stored = (String) interrupted.get("reply");
      assertThat(String.join("", reply)).startsWith(stored).isNotEqualTo(stored);
      assertThat(
              chromium
                  .driver()
                  .findElement(By.cssSelector("#transcript .line[data-number='" + first + "']"))
                  .getAttribute("class"))
          .contains("interrupted");
      chromium.screenshotIfAsked("barge-in");
    }
  }

  /** The page with a session with an English character, microphone on. */
  private HeadlessChromium talkingTo(Path microphone) throws Exception {
    var chromium = HeadlessChromium.start(temp.resolve("profile"), microphone);
    var browser = chromium.driver();
    chromium.startConversation(
        "http://localhost:" + port + "/?raw=1", "hotel-complaint-new-york", "C1");
    browser.findElement(By.id("mic")).click();
    var voiceSupported =
        (Boolean)
            chromium.script(
                "return window.parley.waitFor('audio.ready', 5000).then(() => true, () => false)");
    if (!voiceSupported) {
      var errors = chromium.script("return window.parley.events.filter(e => e.type === 'error')");
      chromium.close();
      assumeThat(voiceSupported)
          .as("The server answered audio.start with no audio.ready within 5 s: it has no voice"
              + " support yet (errors: %s)", errors)
          .isTrue();
    }
    return chromium;
  }

  private static Map<?, ?> waitFor(HeadlessChromium chromium, String type) {
    return (Map<?, ?>) chromium.script("return window.parley.waitFor(arguments[0], 60000)", type);
  }

  private static List<Long> playbackReports(HeadlessChromium chromium, long number) {
    return ((List<?>) chromium.script("return window.parley.sent.playback"))
        .stream()
            .map(report -> (Map<?, ?>) report)
            .filter(report -> ((Long) report.get("number")) == number)
            .map(report -> ((Number) report.get("playedMs")).longValue())
            .toList();
  }
}
