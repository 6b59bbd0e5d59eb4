package dev.parley.voice.vad;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientEndpointerTest {

  private final TurnEvents events = new TurnEvents();

  @Test
  void theFirstSamplesStartATurnAndTheClientEndsIt() {
    var turns = new ClientEndpointer(VadProperties.defaults(), events);
    turns.endTurn();
    assertThat(events.events).isEmpty();

    turns.accept(new short[320]);
    assertThat(turns.inTurn()).isTrue();
    // Silence inside a client's turn is the client's business: no VAD ends it.
    for (int i = 0; i < 200; i++) {
      turns.accept(new short[320]);
    }
    turns.endTurn();
    turns.accept(new short[1600]);
    turns.endTurn();

    assertThat(events.events)
        .containsExactly(
            new TurnEvents.Event("started", 0, -1),
            new TurnEvents.Event("stopped", 4020, 4020),
            new TurnEvents.Event("started", 4020, -1),
            new TurnEvents.Event("stopped", 4120, 4120));
    assertThat(events.audioSamples()).isEqualTo(201 * 320 + 1600);
    assertThat(turns.inTurn()).isFalse();
  }

  @Test
  void aTurnIsCutAtItsMaximumLengthAndTheRestDroppedUntilTheClientEndsIt() {
    var properties = VadProperties.defaults().withMaxTurn(Duration.ofMillis(1000));
    var turns = new ClientEndpointer(properties, events);

    for (int i = 0; i < 70; i++) {
      turns.accept(new short[320]);
    }
    assertThat(events.kinds()).containsExactly("started", "max");
    assertThat(events.first("max").atMillis()).isEqualTo(1000);
    assertThat(events.audioSamples()).isEqualTo(16_000);
    assertThat(turns.inTurn()).isFalse();

    turns.endTurn();
    assertThat(events.kinds()).containsExactly("started", "max");
    turns.accept(new short[300]);
    assertThat(events.kinds()).containsExactly("started", "max", "started");
    assertThat(events.events.getLast().atMillis()).isEqualTo(1400);
  }

  @Test
  void aFrameAcrossTheLimitGivesOnlyTheSamplesBeforeIt() {
    var properties = VadProperties.defaults().withMaxTurn(Duration.ofMillis(100));
    var turns = new ClientEndpointer(properties, events);
    turns.accept(new short[1000]);
    turns.accept(new short[1000]);
    assertThat(events.audioSamples()).isEqualTo(1600);
    assertThat(events.kinds()).containsExactly("started", "max");
  }
}
