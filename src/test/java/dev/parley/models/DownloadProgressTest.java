package dev.parley.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DownloadProgressTest {

  private static final long MIB = 1024 * 1024;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final AtomicLong clock = new AtomicLong();

  @Test
  void onATerminalTheBarIsRedrawnInPlaceAtMostTenTimesASecond() {
    var progress = new DownloadProgress(err, true, clock::get, "model.gguf", 0, 100 * MIB);

    // Two seconds of updates every millisecond, 50 KiB each.
    for (int i = 1; i <= 2000; i++) {
      clock.addAndGet(Duration.ofMillis(1).toNanos());
      progress.update(i * 50L * 1024);
    }
    progress.finish(100 * MIB);

    String output = bytes.toString(StandardCharsets.UTF_8);
    long redraws = output.chars().filter(c -> c == '\r').count();
    assertThat(redraws).isBetween(19L, 21L);
    assertThat(output.chars().filter(c -> c == '\n').count()).isEqualTo(1);
    assertThat(output)
        .contains(
            "\rmodel.gguf   48%  [===========             ]  48.8 MiB / 100.0 MiB  48.8 MiB/s"
                + "  ETA 0:01\r")
        .contains("\rmodel.gguf  100%  [========================]  100.0 MiB / 100.0 MiB")
        .endsWith("\n");
  }

  @Test
  void inLogsAPlainLineIsPrintedAtTheStartAndEveryTenPercent() {
    var progress = new DownloadProgress(err, false, clock::get, "model.gguf", 0, 10 * MIB);

    for (int kib = 64; kib <= 10 * 1024; kib += 64) {
      clock.addAndGet(Duration.ofMillis(10).toNanos());
      progress.update(kib * 1024L);
    }
    progress.finish(10 * MIB);

    var lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(11);
    assertThat(lines).noneMatch(line -> line.contains("\r") || line.contains("["));
    assertThat(lines.getFirst()).startsWith("model.gguf    0%  64.0 KiB / 10.0 MiB");
    assertThat(lines.get(1)).startsWith("model.gguf   10%  1.0 MiB / 10.0 MiB");
    assertThat(lines.getLast()).startsWith("model.gguf  100%  10.0 MiB / 10.0 MiB");
  }

  @Test
  void aResumedDownloadMeasuresSpeedFromWhereItResumed() {
    var progress = new DownloadProgress(err, false, clock::get, "m", 8 * MIB, 10 * MIB);
    clock.addAndGet(Duration.ofSeconds(1).toNanos());

    assertThat(progress.line(9 * MIB, clock.get()))
        .isEqualTo("m   90%  9.0 MiB / 10.0 MiB  1.0 MiB/s  ETA 0:01");
  }
}
