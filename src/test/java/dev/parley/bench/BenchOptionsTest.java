package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void defaultsAreOneFakeSessionInRealTime() {
    var options = BenchOptions.parse(new String[0]);

    assertThat(options.fakeStack()).isTrue();
    assertThat(options.sessions()).isEqualTo(1);
    assertThat(options.talk()).isTrue();
    assertThat(options.fast()).isFalse();
    assertThat(options.clientEndpointing()).isFalse();
    assertThat(options.frameMillis()).isEqualTo(20);
    assertThat(options.listen()).isFalse();
    assertThat(options.serverCores()).isZero();
  }

  @Test
  void aDatabaseUrlReplacesTheH2FileAndGoesToTheServer() {
    var url = "jdbc:postgresql://localhost:5432/parley?user=parley&password=secret";

    var options = BenchOptions.parse(new String[] {"--database-url", url});

    assertThat(options.databaseUrl()).isEqualTo(url);
    assertThat(options.serverProps()).containsExactly("spring.datasource.url=" + url);
    assertThat(BenchOptions.parse(new String[0]).databaseUrl()).isNull();
  }

  @Test
  void readsDelaysCoresAndServerProperties() {
    var options =
        BenchOptions.parse(
            new String[] {
              "--stack",
              "local",
              "--sessions",
              "1,000",
              "--llm-ttft",
              "0.25s",
              "--llm-token",
              "7ms",
              "--stt-final",
              "0",
              "--server-cores",
              "1",
              "--server-prop",
              "a.b=c",
              "--fast",
              "--endpointing",
              "client",
              "--frame-ms",
              "100",
              "--listen"
            });

    assertThat(options.fakeStack()).isFalse();
    assertThat(options.sessions()).isEqualTo(1_000);
    assertThat(options.llmTtft()).isEqualTo(Duration.ofMillis(250));
    assertThat(options.llmToken()).isEqualTo(Duration.ofMillis(7));
    assertThat(options.sttFinal()).isZero();
    assertThat(options.serverCores()).isEqualTo(1);
    assertThat(options.serverProps()).isEqualTo(List.of("a.b=c"));
    assertThat(options.fast()).isTrue();
    assertThat(options.clientEndpointing()).isTrue();
    assertThat(options.frameMillis()).isEqualTo(100);
    assertThat(options.listen()).isTrue();
  }

  @Test
  void idleAloneSkipsTheTalkingSessions() {
    assertThat(BenchOptions.parse(new String[] {"--idle", "1000"}).talk()).isFalse();
    assertThat(BenchOptions.parse(new String[] {"--idle", "10", "--sessions", "2"}).talk())
        .isTrue();
  }

  @Test
  void refusesWhatItCannotRead() {
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--endpointing", "both"}))
        .hasMessageContaining("server or client");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--frame-ms", "10"}))
        .hasMessageContaining("20 to 100");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--stack", "cloud"}))
        .hasMessageContaining("fake or local");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--llm-ttft", "fast"}))
        .hasMessageContaining("200ms");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--sessions", "0"}))
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--turns"}))
        .hasMessageContaining("needs a value");
  }

  @Test
  void providerDelayIsTheCriticalPathOfTheFakes() {
    var options =
        BenchOptions.parse(
            new String[] {
              "--stt-final",
              "150ms",
              "--llm-ttft",
              "200ms",
              "--llm-token",
              "10ms",
              "--tts-first-byte",
              "120ms"
            });

    // 150 + 200 + 5 more tokens (the first sentence and the one after its period) × 10 + 120.
    assertThat(new Report(options).providerDelay()).isEqualTo(Duration.ofMillis(520));
  }

  @Test
  void percentilesAreNearestRank() {
    var values = new java.util.ArrayList<Double>();
    for (int i = 1; i <= 100; i++) {
      values.add((double) i);
    }
    var p = Percentiles.of(values);

    assertThat(p.p50()).isEqualTo(50);
    assertThat(p.p95()).isEqualTo(95);
    assertThat(p.p99()).isEqualTo(99);
    assertThat(p.max()).isEqualTo(100);
    assertThat(Percentiles.of(List.of()).count()).isZero();
  }

  @Test
  void generatesASyntheticModelOnlyForTheLocalStackWithoutAModelFile() {
    var options =
        BenchOptions.parse(new String[] {"--stack", "local", "--llm-synthetic", "1B"});
    assertThat(options.llmSynthetic()).isEqualTo("1b");
    assertThat(options.llmModel()).isNull();

    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--llm-synthetic", "1b"}))
        .hasMessageContaining("--stack local");
    assertThatThrownBy(
            () ->
                BenchOptions.parse(
                    new String[] {
                      "--stack", "local", "--llm-model", "m.gguf", "--llm-synthetic", "1b"
                    }))
        .hasMessageContaining("without --llm-model");
    assertThatThrownBy(
            () ->
                BenchOptions.parse(new String[] {"--stack", "local", "--llm-synthetic", "70b"}))
        .hasMessageContaining("1b, not 70b");
  }
}
