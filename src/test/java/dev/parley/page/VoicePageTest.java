package dev.parley.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.parley.testing.FakeOpenAiServer;
import dev.parley.testing.Flite;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
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
                  .findElement(
                      By.cssSelector("#transcript .line.character[data-number='" + first + "']"))
                  .getAttribute("class"))
          .contains("interrupted");
      chromium.screenshotIfAsked("barge-in");
    }
  }

  @Test
  void holdingTheButtonSendsAudioOnlyWhileHeldAndReleasingEndsTheTurn() throws Exception {
    provider.defaultReply("Of course.", " I will call her right away.");
    var microphone =
        new FakeMicrophone(temp).silence(500).say(UTTERANCE).silence(10000).write("mic.wav");
    var utteranceMs = Flite.say(UTTERANCE).samples().length / 16;
    try (var chromium = conversationIn(microphone)) {
      var browser = chromium.driver();
      var button = browser.findElement(By.id("hold"));
      assertThat(chromium.script("return window.parley.state().endpointing")).isNull();

      // The press opens the microphone, and with it the fake device's file, from its start.
      new Actions(browser).clickAndHold(button).perform();
      assumeVoice(chromium);
      assertThat(chromium.script("return window.parley.state()"))
          .asInstanceOf(MAP)
          .containsEntry("endpointing", "client")
          .containsEntry("held", true);
      assertThat(button.getAttribute("aria-pressed")).isEqualTo("true");
      assertThat(browser.findElement(By.id("speech")).getText()).isEqualTo("Listening…");
      Thread.sleep(500 + utteranceMs + 700);
      new Actions(browser).release(button).perform();

      assertThat(button.getAttribute("aria-pressed")).isEqualTo("false");
      assertThat(sentEventTypes(chromium)).containsSubsequence("audio.start", "speech.end");
      assertThat(waitFor(chromium, "speech.stopped")).isNotNull();
      var heard = (String) waitFor(chromium, "transcript.final").get("text");
      var words = List.of(heard.toLowerCase().split("\\s+"));
      var said = UTTERANCE.toLowerCase().split(" ");
      assertThat(Arrays.stream(said).filter(words::contains).count())
          .as("words of \"%s\" in \"%s\"", UTTERANCE, heard)
          .isGreaterThanOrEqualTo(said.length * 2L / 3);
      assertThat(waitFor(chromium, "reply.audio.end").get("status")).isEqualTo("completed");
      assertThat((Long) chromium.script("return window.parley.received.audioFrames"))
          .isPositive();

      // Frames went only while held: none before the press, none since speech.end, though the
      // microphone stays open for the next press.
      var hold = holds(chromium).getFirst();
      assertThat(hold.get("framesBefore")).isEqualTo(0L);
      var framesSent = (Long) hold.get("framesAtEnd");
      assertThat(framesSent).isPositive();
      Thread.sleep(1500);
      assertThat(chromium.script("return window.parley.sent.audioFrames")).isEqualTo(framesSent);
      assertThat(chromium.script("return window.parley.state()"))
          .asInstanceOf(MAP)
          .containsEntry("micOn", true)
          .containsEntry("held", false);

      // The Space bar holds too, and the open microphone sends the ~200 ms (10 frames) before the
      // press at once, within the key's own event.
      new Actions(browser).keyDown(Keys.SPACE).perform();
      assertThat((Long) chromium.script("return window.parley.sent.audioFrames") - framesSent)
          .isGreaterThanOrEqualTo(10);
      assertThat(chromium.script("return window.parley.state().held")).isEqualTo(true);
      assertThat(button.getAttribute("aria-pressed")).isEqualTo("true");
      Thread.sleep(300);
      new Actions(browser).keyUp(Keys.SPACE).perform();
      assertThat(sentEventTypes(chromium).stream().filter("speech.end"::equals)).hasSize(2);
      assertThat(holds(chromium).getLast().get("framesBefore")).isEqualTo(framesSent);
      // The press stops a reply still playing; only the reply's line may say so.
      assertThat(browser.findElements(By.cssSelector("#transcript .line.learner.interrupted")))
          .isEmpty();
      chromium.screenshotIfAsked("hold-to-talk");
    }
  }

  /** The page with a session with an English character, microphone on. */
  private HeadlessChromium talkingTo(Path microphone) throws Exception {
    var chromium = conversationIn(microphone);
    chromium.driver().findElement(By.id("mic")).click();
    assumeVoice(chromium);
    return chromium;
  }

  /** The page with a session with an English character, microphone off. */
  private HeadlessChromium conversationIn(Path microphone) throws Exception {
    var chromium = HeadlessChromium.start(temp.resolve("profile"), microphone);
    chromium.startConversation(
        "http://localhost:" + port + "/?raw=1", "hotel-complaint-new-york", "C1");
    return chromium;
  }

  /** Skips the test (closing the browser) when the server does not answer audio.start. */
  private static void assumeVoice(HeadlessChromium chromium) {
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
  }

  private static List<String> sentEventTypes(HeadlessChromium chromium) {
    return ((List<?>) chromium.script("return window.parley.sent.events.map(e => e.type)"))
        .stream().map(String.class::cast).toList();
  }

  private static List<Map<?, ?>> holds(HeadlessChromium chromium) {
    return ((List<?>) chromium.script("return window.parley.sent.holds"))
        .stream().<Map<?, ?>>map(hold -> (Map<?, ?>) hold).toList();
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
