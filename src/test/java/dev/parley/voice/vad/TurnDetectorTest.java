package dev.parley.voice.vad;

import static dev.parley.voice.vad.TestAudio.concat;
import static dev.parley.voice.vad.TestAudio.millis;
import static dev.parley.voice.vad.TestAudio.noise;
import static dev.parley.voice.vad.TestAudio.samples;
import static dev.parley.voice.vad.TestAudio.silence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.parley.character.CefrLevel;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TurnDetectorTest {

  private static final long FRAME_MILLIS = 32;

  private static SileroVadModel model;
  private static short[] question;
  private static short[] answer;

  @BeforeAll
  static void setUp() throws Exception {
    model = SileroVadModel.loadBundled();
    question = TestAudio.say("Excuse me, where is the nearest bus stop?");
    answer = TestAudio.say("I am looking for the museum of modern art.");
  }

  @AfterAll
  static void tearDown() {
    model.close();
  }

  @Test
  void oneUtteranceIsOneTurnWithPreRollAndLevelSilence() {
    var clip = concat(silence(1000), question, silence(1500));
    var events = run(clip, VadProperties.defaults(), CefrLevel.C1, 320);

    assertThat(events.kinds()).containsExactly("started", "stopped");
    long started = events.first("started").atMillis();
    assertThat(started).isCloseTo(1000, within(150L));
    var stopped = events.first("stopped");
    long utteranceEnd = 1000 + millis(question.length);
    assertThat(stopped.speechEndMillis()).isCloseTo(utteranceEnd, within(250L));
    assertThat(stopped.atMillis() - stopped.speechEndMillis()).isBetween(700L, 700 + FRAME_MILLIS);
    // The turn's audio runs from 300 ms before the onset to the end of the turn.
    assertThat(events.audioSamples())
        .isEqualTo(samples((int) (stopped.atMillis() - started + 300)));
  }

  @Test
  void aOneSecondPauseKeepsABeginnersTurnButEndsAnAdvancedOne() {
    var clip = concat(silence(1000), question, silence(1000), answer, silence(2000));

    var beginner = run(clip, VadProperties.defaults(), CefrLevel.A1, 320);
    assertThat(beginner.kinds()).containsExactly("started", "stopped");
    assertThat(beginner.first("stopped").speechEndMillis())
        .isCloseTo(2000 + millis(question.length + answer.length), within(250L));

    var advanced = run(clip, VadProperties.defaults(), CefrLevel.C1, 320);
    assertThat(advanced.kinds()).containsExactly("started", "stopped", "started", "stopped");
    assertThat(advanced.events.get(2).atMillis())
        .isCloseTo(2000 + millis(question.length), within(150L));
  }

  @Test
  void silenceAndNoiseMakeNoTurnAndMostFramesSkipTheNetwork() {
    var quiet = detector(VadProperties.defaults(), null, new TurnEvents());
    quiet.accept(silence(5000));
    quiet.accept(noise(5000, 0.001, 1));
    assertThat(quiet.classifiedFrames()).isZero();
    assertThat(quiet.gatedFrames()).isEqualTo(samples(10_000) / 512);

    // Louder than the fixed floor: the gate learns the background within a second.
    var events = new TurnEvents();
    var room = detector(VadProperties.defaults(), null, events);
    room.accept(noise(10_000, 0.01, 2));
    assertThat(events.events).isEmpty();
    double gated = room.gatedFrames() / (double) (room.gatedFrames() + room.classifiedFrames());
    assertThat(gated).isGreaterThan(0.9);
  }

  @Test
  void speechOverLearnedBackgroundNoiseIsStillDetected() {
    var background = noise(15_000, 0.01, 3);
    var clean = concat(silence(4000), question, silence(1500));
    var noisy = TestAudio.mix(clean, background);

    var events = run(noisy, VadProperties.defaults(), CefrLevel.B2, 320);
    assertThat(events.kinds()).containsExactly("started", "stopped");
    assertThat(events.first("started").atMillis()).isCloseTo(4000, within(150L));
  }

  @Test
  void aTurnIsCutAtItsMaximumLength() {
    var properties = VadProperties.defaults().withMaxTurn(Duration.ofSeconds(2));
    var clip = concat(silence(1000), question, silence(200), answer, silence(1500));
    assertThat(millis(question.length + answer.length)).isGreaterThan(3000);

    var events = run(clip, properties, CefrLevel.C1, 320);

    assertThat(events.kinds()).startsWith("started", "max");
    long started = events.first("started").atMillis();
    assertThat(events.first("max").atMillis() - started).isBetween(2000L, 2000 + FRAME_MILLIS);
  }

  @Test
  void theClientCanEndATurnBeforeItsTrailingSilence() {
    var events = new TurnEvents();
    var detector = detector(VadProperties.defaults(), CefrLevel.A1, events);
    detector.accept(concat(silence(1000), question, silence(300)));
    assertThat(events.kinds()).containsExactly("started");

    detector.endTurn();
    assertThat(events.kinds()).containsExactly("started", "stopped");
    var stopped = events.first("stopped");
    assertThat(stopped.atMillis()).isCloseTo(1300 + millis(question.length), within(FRAME_MILLIS));
    assertThat(stopped.speechEndMillis()).isCloseTo(1000 + millis(question.length), within(250L));
    assertThat(detector.inTurn()).isFalse();

    detector.endTurn();
    detector.accept(concat(silence(500), answer, silence(1600)));
    assertThat(events.kinds()).containsExactly("started", "stopped", "started", "stopped");
  }

  @Test
  void eventsAndAudioDoNotDependOnChunkSize() {
    var clip = concat(silence(700), question, silence(900), answer, silence(1500));
    var tenMillis = run(clip, VadProperties.defaults(), CefrLevel.B1, 160);
    var hundredMillis = run(clip, VadProperties.defaults(), CefrLevel.B1, 1600);
    var odd = run(clip, VadProperties.defaults(), CefrLevel.B1, 333);

    assertThat(tenMillis.events).isNotEmpty();
    assertThat(hundredMillis.events).isEqualTo(tenMillis.events);
    assertThat(odd.events).isEqualTo(tenMillis.events);
    assertThat(hundredMillis.audioBytes()).isEqualTo(tenMillis.audioBytes());
  }

  @Test
  void confidentSpeechSparesTheNetworkWithoutMovingTheTurns() {
    var clip = concat(silence(1000), question, silence(1000), answer, silence(1500));
    var properties = VadProperties.defaults();
    var everyFrame = properties.withSpeechRecheck(Duration.ofMillis(32));

    for (var level : new CefrLevel[] {CefrLevel.A1, CefrLevel.C1}) {
      var sparse = new TurnEvents();
      var sparseDetector = detector(properties, level, sparse);
      sparseDetector.accept(clip);
      var dense = new TurnEvents();
      var denseDetector = detector(everyFrame, level, dense);
      denseDetector.accept(clip);

      assertThat(denseDetector.skippedFrames()).isZero();
      assertThat(sparse.kinds()).isEqualTo(dense.kinds());
      for (int i = 0; i < dense.events.size(); i++) {
        var expected = dense.events.get(i);
        var actual = sparse.events.get(i);
        assertThat(actual.atMillis()).isCloseTo(expected.atMillis(), within(2 * FRAME_MILLIS));
        assertThat(actual.speechEndMillis())
            .isCloseTo(expected.speechEndMillis(), within(2 * FRAME_MILLIS));
      }
      // At least a third of the network runs inside speech are spared.
      assertThat(sparseDetector.classifiedFrames())
          .isLessThan(denseDetector.classifiedFrames() * 2 / 3);
      assertThat(sparseDetector.classifiedFrames() + sparseDetector.skippedFrames())
          .isEqualTo(denseDetector.classifiedFrames());
    }
  }

  @Test
  void gatedAndClassifiedFramesAreCountedProcessWide() {
    var counters = new VadCounters();
    var factory = new TurnDetectorFactory(() -> model, VadProperties.defaults(), counters);
    var detector = factory.open(CefrLevel.B1, new TurnEvents());
    detector.accept(concat(silence(1000), question));

    assertThat(counters.gated()).isEqualTo(detector.gatedFrames()).isPositive();
    assertThat(counters.classified()).isEqualTo(detector.classifiedFrames()).isPositive();
    assertThat(counters.skipped()).isEqualTo(detector.skippedFrames()).isPositive();
  }

  private static TurnEvents run(
      short[] clip, VadProperties properties, CefrLevel level, int chunk) {
    var events = new TurnEvents();
    var detector = detector(properties, level, events);
    for (int at = 0; at < clip.length; at += chunk) {
      detector.accept(Arrays.copyOfRange(clip, at, Math.min(clip.length, at + chunk)));
    }
    return events;
  }

  private static TurnDetector detector(
      VadProperties properties, CefrLevel level, TurnEvents events) {
    return new TurnDetector(model.newStream(), properties, level, new VadCounters(), events);
  }
}
