package dev.parley.bench;

import dev.parley.bench.VoiceSession.TurnResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** Collects the figures of one run and prints them as markdown. */
final class Report {

  /** The target for server-added at the 99th percentile with 1,000 sessions (issue 3). */
  private static final int SLOW_MS = 50;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final BenchOptions options;
  private final int machineCores;
  private final List<String> notes = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private final StringBuilder body = new StringBuilder();
  private long rssAtStart;

  Report(BenchOptions options) {
    this.options = options;
    // Read before the benchmark pins itself to the cores the server does not use.
    this.machineCores = Runtime.getRuntime().availableProcessors();
  }

  /**
   * What the fake providers spend on the critical path of one turn: the final transcript, the first
   * token, the rest of the first sentence's tokens, the first synthesized byte.
   */
  Duration providerDelay() {
    return options
        .sttFinal()
        .plus(options.llmTtft())
        .plus(options.llmToken().multipliedBy(VoiceLatencyBench.FIRST_SENTENCE_TOKENS - 1))
        .plus(options.ttsFirstByte());
  }

  /**
   * What the benchmark's own JVM (clients and fakes) used of its cores while the turns were
   * measured: where it ran out, its delays are in the latencies, not the server's.
   */
  void benchmarkCpu(long cpuNanos, long wallNanos, int cores) {
    note(
        String.format(
            Locale.ROOT,
            "The benchmark's own JVM (clients and fakes) used %.0f %% of its %d core(s) in the"
                + " measured phase%s.",
            100.0 * cpuNanos / wallNanos / cores,
            cores,
            cpuNanos > 0.8 * wallNanos * cores
                ? ": saturated, so the latencies include its own delays"
                : ""));
  }

  /**
   * Whether the slow turns came together (one stall: a full collection, a burst of compiling) or
   * spread over the run: with a measured phase of seconds, one stall can make the whole p99.
   */
  private void slowTurnsOverTime(List<TurnResult> turns, double providerMillis) {
    var slow =
        turns.stream().filter(t -> t.voiceToVoiceMillis() - providerMillis > SLOW_MS).toList();
    if (slow.isEmpty()) {
      return;
    }
    long start = turns.stream().mapToLong(TurnResult::stoppedAtNanos).min().orElseThrow();
    long end = turns.stream().mapToLong(TurnResult::stoppedAtNanos).max().orElseThrow();
    var bySecond = new HashMap<Long, Integer>();
    for (var turn : slow) {
      bySecond.merge((turn.stoppedAtNanos() - start) / NANOS_PER_SECOND, 1, Integer::sum);
    }
    var worst = bySecond.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
    body.append(
        String.format(
            Locale.ROOT,
            "%nTurns over %d ms server-added: %d of %d, their speech ending in %d of the %d"
                + " seconds measured; the worst second (%d s in) held %d of them.%n",
            SLOW_MS,
            slow.size(),
            turns.size(),
            bySecond.size(),
            (end - start) / NANOS_PER_SECOND + 1,
            worst.getKey(),
            worst.getValue()));
  }

  void note(String note) {
    notes.add(note);
  }

  void serverStarted(long rssBytes) {
    rssAtStart = rssBytes;
  }

  void failures(List<String> messages) {
    failures.addAll(messages);
  }

  void load(List<TurnResult> turns, long cpuNanos, long wallNanos, long rssBytes, int sessions) {
    double provider = millis(providerDelay());
    var rows = new LinkedHashMap<String, Percentiles>();
    for (var stage : VoiceSession.STAGES) {
      rows.put("`" + stage + "` (server)", stage(turns, t -> t.stages().get(stage)));
    }
    rows.put("**voice-to-voice (client)**", stage(turns, TurnResult::voiceToVoiceMillis));
    if (options.fakeStack()) {
      rows.put(
          "**server-added** (client v2v − provider delays)",
          stage(turns, t -> t.voiceToVoiceMillis() - provider));
      rows.put(
          "server-added (`firstAudioSent` − provider delays)",
          stage(
              turns,
              t ->
                  t.stages().get("firstAudioSent") == null
                      ? null
                      : t.stages().get("firstAudioSent") - provider));
    }
    body.append(
        "| ms from end of speech | n | p50 | p95 | p99 | max |\n|---|--:|--:|--:|--:|--:|\n");
    rows.forEach(
        (name, p) ->
            body.append(
                String.format(
                    Locale.ROOT,
                    "| %s | %d | %s | %s | %s | %s |%n",
                    name,
                    p.count(),
                    ms(p.p50()),
                    ms(p.p95()),
                    ms(p.p99()),
                    ms(p.max()))));
    if (options.fakeStack()) {
      slowTurnsOverTime(turns, provider);
    }
    body.append(
        "\nMedian time spent in each stage (difference to the previous stage, per turn):\n\n");
    body.append("| stage | median ms |\n|---|--:|\n");
    String previous = null;
    for (var stage : VoiceSession.STAGES) {
      var from = previous;
      var p =
          stage(
              turns,
              t -> {
                var end = t.stages().get(stage);
                var start = from == null ? Double.valueOf(0) : t.stages().get(from);
                return end == null || start == null ? null : end - start;
              });
      body.append(
          String.format(
              Locale.ROOT,
              "| %s → `%s` | %s |%n",
              from == null ? "end of speech" : "`" + from + "`",
              stage,
              ms(p.p50())));
      previous = stage;
    }
    double seconds = wallNanos / 1e9;
    body.append("\n| resource | value |\n|---|--:|\n");
    body.append(
        String.format(
            Locale.ROOT,
            "| server CPU per turn (utime+stime over the measured phase / turns) | %s ms |%n",
            turns.isEmpty() ? "–" : ms(cpuNanos / 1e6 / turns.size())));
    body.append(
        String.format(
            Locale.ROOT,
            "| server CPU utilisation during the measured phase | %.0f %% of one core |%n",
            100.0 * cpuNanos / wallNanos));
    body.append(
        String.format(
            Locale.ROOT,
            "| turns measured / sessions that talked | %d / %d |%n",
            turns.size(),
            sessions));
    body.append(
        String.format(
            Locale.ROOT,
            "| throughput | %.1f turns/s over %.0f s |%n",
            turns.size() / seconds,
            seconds));
    body.append(
        String.format(
            Locale.ROOT,
            "| server RSS at start → after the turns | %s → %s MiB |%n",
            mib(rssAtStart),
            mib(rssBytes)));
    body.append('\n');
  }

  /**
   * Server-added latency split at the fakes' marks: the hops between the fakes and each fake's
   * lateness. Their medians need not add up to the median server-added.
   */
  /**
   * How late the fakes were with what the server waits for, over the measured phase: with many
   * sessions this is the benchmark's own share of server-added, which the hop split cannot give.
   */
  void fakesLate(Map<String, List<Long>> lateness) {
    if (lateness.isEmpty()) {
      return;
    }
    body.append(
        "The fakes' own lateness (after each write was due; the rest of server-added is the"
            + " server's and the loopback's):\n\n| fake write | n | p50 ms | p95 ms | p99 ms |\n"
            + "|---|--:|--:|--:|--:|\n");
    lateness.forEach(
        (name, nanos) -> {
          var p = Percentiles.of(nanos.stream().map(n -> n / 1e6).toList());
          body.append(
              String.format(
                  Locale.ROOT,
                  "| `%s` | %d | %s | %s | %s |%n",
                  name,
                  p.count(),
                  ms(p.p50()),
                  ms(p.p95()),
                  ms(p.p99())));
        });
    body.append('\n');
  }

  void hops(List<Map<String, Double>> turns) {
    if (turns.isEmpty()) {
      return;
    }
    body.append(
        "Where server-added goes (`System.nanoTime()` marks of the client and the fakes, one JVM):"
            + "\n\n| part | n | p50 ms | p95 ms |\n|---|--:|--:|--:|\n");
    for (var part : ProviderHops.PARTS) {
      var p = Percentiles.of(turns.stream().map(t -> t.get(part)).toList());
      body.append(
          String.format(
              Locale.ROOT, "| %s | %d | %s | %s |%n", part, p.count(), ms(p.p50()), ms(p.p95())));
    }
    var hops =
        Percentiles.of(
            turns.stream()
                .map(
                    t ->
                        t.entrySet().stream()
                            .filter(e -> !e.getKey().startsWith("fake"))
                            .mapToDouble(Map.Entry::getValue)
                            .sum())
                .toList());
    body.append(
        String.format(
            Locale.ROOT,
            "| **the four hops together** (server-added without the fakes' lateness) | %d | %s |"
                + " %s |%n%n",
            hops.count(),
            ms(hops.p50()),
            ms(hops.p95())));
  }

  /**
   * The collector's allocation and pauses around the measured phase (from the metrics read before
   * it to those read after), per turn and in all.
   */
  void gc(
      List<String> collectors,
      Map<String, Double> before,
      Map<String, Double> after,
      int turns,
      long wallNanos) {
    double pauses = after.get("pauses") - before.get("pauses");
    double pauseMillis = (after.get("pauseSeconds") - before.get("pauseSeconds")) * 1000;
    body.append(
        String.format(
            Locale.ROOT,
            "Garbage collection around the measured phase (%s): %.2f MB allocated per turn; %.0f"
                + " pauses, %.0f ms in all (%.1f %% of the time, %.1f ms each on average)%n%n",
            String.join(", ", collectors),
            (after.get("allocated") - before.get("allocated")) / 1e6 / Math.max(1, turns),
            pauses,
            pauseMillis,
            100 * pauseMillis / (wallNanos / 1e6),
            pauses == 0 ? 0 : pauseMillis / pauses));
  }

  /**
   * How late virtual threads ran after they were due, in the server (from its probe) and in the
   * benchmark's own JVM (the clients and fakes): what each hop of a turn waited for a carrier.
   */
  void schedulingLag(CumulativeHistogram server, List<Double> benchmarkMillis) {
    body.append("Scheduling lag around the measured phase (a virtual thread woken every 10 ms): ");
    if (server.count() > 0) {
      body.append(
          String.format(
              Locale.ROOT,
              "server p50 %s, p99 %s, p99.9 %s (%.0f wake-ups); ",
              CumulativeHistogram.atMostMillis(server.quantileSeconds(0.5)),
              CumulativeHistogram.atMostMillis(server.quantileSeconds(0.99)),
              CumulativeHistogram.atMostMillis(server.quantileSeconds(0.999)),
              server.count()));
    }
    var benchmark = Percentiles.of(benchmarkMillis);
    body.append(
        String.format(
            Locale.ROOT,
            "the benchmark's JVM p50 %.2f ms, p99 %.1f ms, max %.0f ms (%d wake-ups)%n%n",
            benchmark.p50(),
            benchmark.p99(),
            benchmark.max(),
            benchmark.count()));
  }

  /**
   * The heap after a full collection before the sessions opened and after they all closed: what
   * grows here is kept for good (a leak, or a cache), not a session's working state.
   */
  void heapAfterLoad(long before, long after, int sessions, int turns) {
    body.append(
        String.format(
            Locale.ROOT,
            "Heap after a full collection: %s MiB before the sessions opened, %s MiB after all %d"
                + " closed (%+.1f KiB per session, %+.2f KiB per turn of the %d they spoke)%n%n",
            mib(before),
            mib(after),
            sessions,
            (after - before) / 1024.0 / Math.max(1, sessions),
            (after - before) / 1024.0 / Math.max(1, turns),
            turns));
  }

  /** The classes whose live bytes grew most from before the sessions to after they closed. */
  void heapGrowthByClass(Map<String, Long> before, Map<String, Long> after, int sessions) {
    var grown =
        after.entrySet().stream()
            .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
            .filter(e -> e.getValue() > 0)
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .limit(10)
            .toList();
    if (grown.isEmpty()) {
      return;
    }
    body.append("| class that grew most | KiB | bytes per session |\n|---|--:|--:|\n");
    for (var entry : grown) {
      body.append(
          String.format(
              Locale.ROOT,
              "| `%s` | %.0f | %.0f |%n",
              entry.getKey(),
              entry.getValue() / 1024.0,
              entry.getValue() / (double) Math.max(1, sessions)));
    }
    body.append('\n');
  }

  void vad(Map<String, Double> before, Map<String, Double> after, int turns) {
    double classified = (after.get("classified") - before.get("classified")) / Math.max(1, turns);
    double skipped = (after.get("skipped") - before.get("skipped")) / Math.max(1, turns);
    double gated = (after.get("gated") - before.get("gated")) / Math.max(1, turns);
    body.append(
        String.format(
            Locale.ROOT,
            "VAD frames of 32 ms per turn: %.1f classified by Silero, %.1f kept its last verdict,"
                + " %.1f gated by energy%n%n",
            classified,
            skipped,
            gated));
  }

  /** The server threads that spent the most CPU in the measured phase, per turn. */
  void threads(Map<String, Long> before, Map<String, Long> after, int turns) {
    body.append("Server threads by CPU in the measured phase (threads named alike summed):\n\n");
    body.append("| thread | CPU per turn |\n|---|--:|\n");
    after.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(8)
        .forEach(
            e ->
                body.append(
                    String.format(
                        Locale.ROOT,
                        "| `%s` | %s ms |%n",
                        e.getKey(),
                        ms(e.getValue() / 1e6 / Math.max(1, turns)))));
    body.append('\n');
  }

  /** Per state: RSS growth, heap growth (bytes) and the server's CPU nanoseconds per second. */
  void idle(
      int sessions, Map<String, long[]> growth, long rssBefore, long heapBefore, long cpuBefore) {
    body.append(
        String.format(
            Locale.ROOT,
            "Idle sessions: %d open sockets. Before: RSS %s MiB, heap after GC %s MiB, server CPU"
                + " %s ms/s.%n%n",
            sessions,
            mib(rssBefore),
            mib(heapBefore),
            ms(cpuBefore / 1e6)));
    body.append(
        "| idle session state | RSS per session | heap after GC per session | server CPU, all"
            + " sessions |\n"
            + "|---|--:|--:|--:|\n");
    growth.forEach(
        (state, values) ->
            body.append(
                String.format(
                    Locale.ROOT,
                    "| %s | %.1f KiB | %.1f KiB | %s ms/s |%n",
                    state,
                    values[0] / 1024.0 / Math.max(1, sessions),
                    values[1] / 1024.0 / Math.max(1, sessions),
                    ms(values[2] / 1e6))));
    body.append('\n');
  }

  void print() throws IOException {
    var text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "### %s%n%n", title()));
    text.append("- Machine: ").append(Machine.describe(machineCores)).append('\n');
    text.append("- Server: ")
        .append(
            options.serverCores() > 0
                ? "pinned to " + options.serverCores() + " core(s) with taskset"
                : "unpinned child process")
        .append(", database ")
        .append(
            options.databaseUrl() == null
                ? "the embedded H2 default (a file in the working directory)"
                : options.databaseUrl().replaceAll("\\?.*", ""))
        .append('\n');
    if (options.fakeStack()) {
      text.append(
          String.format(
              Locale.ROOT,
              "- Fake providers: STT final %s, LLM time to first token %s + %s per token (first"
                  + " sentence known at token %d), TTS first byte %s: provider delay on the"
                  + " critical path %s ms%n",
              fmt(options.sttFinal()),
              fmt(options.llmTtft()),
              fmt(options.llmToken()),
              VoiceLatencyBench.FIRST_SENTENCE_TOKENS,
              fmt(options.ttsFirstByte()),
              ms(millis(providerDelay()))));
    } else {
      text.append("- Local stack: pocketsphinx STT, FreeTTS TTS, in-process llama.cpp\n");
    }
    notes.forEach(note -> text.append("- ").append(note).append('\n'));
    text.append('\n').append(body);
    if (!failures.isEmpty()) {
      text.append(String.format(Locale.ROOT, "Failures: %d. First ones:%n%n", failures.size()));
      failures.stream().distinct().limit(5).forEach(f -> text.append("- ").append(f).append('\n'));
      text.append('\n');
    }
    System.out.print(text);
    if (options.out() != null) {
      Files.writeString(options.out(), text);
      System.err.println("voice-latency: report written to " + options.out());
    }
  }

  private String title() {
    var talk =
        options.talk()
            ? String.format(
                Locale.ROOT,
                "%d session(s) × %d turns (%s)",
                options.sessions(),
                options.turns(),
                (options.fast() ? "audio sent as fast as possible" : "audio in real time")
                    + ", "
                    + options.frameMillis()
                    + " ms frames, "
                    + (options.clientEndpointing() ? "client" : "server")
                    + " endpointing"
                    + (options.listen() ? ", each reply heard out" : ""))
            : "";
    var idle = options.idle() > 0 ? options.idle() + " idle sessions" : "";
    return String.format(
        Locale.ROOT,
        "%s stack, %s%s%s — %s",
        options.stack(),
        talk,
        !talk.isEmpty() && !idle.isEmpty() ? ", then " : "",
        idle,
        Instant.now().truncatedTo(ChronoUnit.MINUTES));
  }

  private static Percentiles stage(List<TurnResult> turns, Function<TurnResult, Double> value) {
    return Percentiles.of(
        turns.stream()
            .map(t -> t.stages() == null ? null : value.apply(t))
            .filter(Objects::nonNull)
            .toList());
  }

  private static double millis(Duration duration) {
    return duration.toNanos() / 1e6;
  }

  private static String fmt(Duration duration) {
    return ms(millis(duration)) + " ms";
  }

  private static String ms(double millis) {
    if (Double.isNaN(millis)) {
      return "–";
    }
    return Math.abs(millis) >= 100
        ? String.format(Locale.ROOT, "%.0f", millis)
        : String.format(Locale.ROOT, "%.1f", millis);
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.0f", bytes / 1024.0 / 1024.0);
  }

  /** The machine in one line: cores, CPU model, load. */
  private static final class Machine {
    static String describe(int cores) {
      var cpu = "unknown CPU";
      var load = "";
      try {
        cpu =
            Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .findFirst()
                .orElse(cpu);
        load = ", load average " + Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
      } catch (IOException e) {
        // Described without them.
      }
      return String.format(
          Locale.ROOT,
          "%d CPUs (%s)%s, JDK %s",
          cores,
          cpu,
          load,
          Runtime.version());
    }
  }
}
