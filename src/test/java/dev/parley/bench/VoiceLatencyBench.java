package dev.parley.bench;

import dev.parley.bench.VoiceSession.TurnResult;
import dev.parley.llm.local.SizedGguf;
import dev.parley.llm.local.SizedGguf.Shape;
import dev.parley.llm.local.TinyGguf;
import dev.parley.monitoring.SchedulingLagProbe;
import dev.parley.testing.Delays;
import dev.parley.testing.FakeDeepgramServer;
import dev.parley.testing.FakeOpenAiServer;
import dev.parley.testing.FakeOpenAiSpeechServer;
import dev.parley.testing.ProviderMarks;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Voice-to-voice latency of a real Parley server over its session WebSocket: N learners speak
 * synthesized utterances in real time, and the client times end of speech ({@code speech.stopped},
 * or its own {@code speech.end} where it marks the turns) to the first reply audio frame, next to
 * the server's own {@code turn.metrics} stages. Run it with {@code bench/voice-latency}; see
 * docs/performance.md.
 */
public final class VoiceLatencyBench {

  /**
   * The fake LLM's reply. Its first sentence ends with the fifth token, and the sentence chunker
   * knows it has ended when the sixth shows what follows the period.
   */
  static final List<String> REPLY =
      List.of(
          "Brilliant",
          ",",
          " thank",
          " you",
          ".",
          " Could",
          " you",
          " walk",
          " me",
          " through",
          " your",
          " last",
          " project",
          "?");

  static final int FIRST_SENTENCE_TOKENS = 6;

  /** Between reading the server's metrics and the measured window, either side of it. */
  private static final Duration METRICS_SETTLE = Duration.ofSeconds(2);

  private static final String TRANSCRIPT = "I have worked as a project coordinator.";
  private static final int IDLE_WARMUP = 50;
  private static final Duration IDLE_CPU_WINDOW = Duration.ofSeconds(5);
  private static final int PRECISE_DELAYS_UP_TO = 4;
  private static final Path SYNTHETIC_MODELS = Path.of("target/bench-models");
  private static final String MAX_REPLY_TOKENS = "parley.conversation.max-reply-tokens";
  private static final int SYNTHETIC_REPLY_TOKENS = 40;

  private final BenchOptions options;
  private final Report report;

  private VoiceLatencyBench(BenchOptions options) {
    this.options = options;
    this.report = new Report(options);
  }

  public static void main(String[] args) throws Exception {
    // The fakes' HttpServer would otherwise hold small writes for Nagle's algorithm.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      if (!e.getMessage().isEmpty()) {
        System.err.println("voice-latency: " + e.getMessage());
      }
      System.err.print(BenchOptions.USAGE);
      System.exit(2);
      return;
    }
    int status;
    try {
      status = new VoiceLatencyBench(options).run();
    } catch (IOException e) {
      System.err.println("voice-latency: " + e.getMessage());
      status = 1;
    }
    // The fakes' and the HTTP client's threads would keep the JVM up.
    System.exit(status);
  }

  private int run() throws Exception {
    keepOffTheServersCores();
    var work = Files.createTempDirectory("parley-voice-bench");
    System.err.printf("voice-latency: working in %s%n", work);
    var utterances = Utterances.synthesize();
    var fakes = new ArrayList<AutoCloseable>();
    try {
      var properties = serverProperties(work, fakes);
      System.err.printf(
          "voice-latency: starting the server (%s stack%s)...%n",
          options.stack(),
          options.serverCores() > 0 ? ", taskset to " + options.serverCores() + " core(s)" : "");
      try (var server =
          ServerProcess.start(
              options.jar(), work, options.serverJavaOpts(), properties, options.serverCores())) {
        System.err.printf(
            "voice-latency: server pid %d on port %d, log %s%n",
            server.pid(), server.port(), server.log());
        report.serverStarted(server.rssBytes());
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        int status = 0;
        if (options.talk()) {
          status = talk(server, http, utterances);
        }
        if (options.idle() > 0 && status == 0) {
          idle(server, http);
        }
        if (!options.fakeStack()) {
          report.note(LlamaTimings.summary(LlamaTimings.read(server.log())));
        }
        report.print();
        if (status != 0) {
          System.err.println("voice-latency: server log tail:\n" + server.tail());
        }
        return status;
      }
    } finally {
      for (var fake : fakes) {
        fake.close();
      }
    }
  }

  private List<String> serverProperties(Path work, List<AutoCloseable> fakes) throws IOException {
    var properties = new ArrayList<String>();
    if (options.databaseUrl() == null) {
      properties.add(
          "spring.datasource.url=jdbc:h2:file:"
              + work.resolve("db/parley")
              + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=FALSE");
    }
    properties.add("parley.models.dir=" + work.resolve("models"));
    if (options.fakeStack()) {
      // Spinning out the fakes' sleep overshoot is affordable for a few sessions only.
      Delays.precise(options.sessions() <= PRECISE_DELAYS_UP_TO);
      var llm = FakeOpenAiServer.start();
      fakes.add(llm);
      llm.defaultReply(REPLY.toArray(String[]::new))
          .tokenDelay(options.llmToken())
          .firstTokenDelay(options.llmTtft());
      var stt = FakeDeepgramServer.start();
      fakes.add(stt);
      stt.defaultTranscript(TRANSCRIPT).finalizeDelay(options.sttFinal()).keepAudio(false);
      var tts = FakeOpenAiSpeechServer.start();
      fakes.add(tts);
      tts.firstByteDelay(options.ttsFirstByte()).chunkDelay(options.ttsChunk());
      // A thousand sessions' requests would fill the benchmark's heap and slow its fakes.
      llm.keepRequests(false);
      stt.keepRequests(false);
      tts.keepRequests(false);
      properties.addAll(
          List.of(
              "parley.llm.provider=openai",
              "parley.llm.openai.base-url=" + llm.baseUrl(),
              "parley.llm.openai.api-key=bench",
              "parley.voice.stt.provider=deepgram",
              "parley.voice.stt.deepgram.base-url=" + stt.baseUrl(),
              "parley.voice.stt.deepgram.api-key=bench",
              "parley.voice.tts.provider=openai",
              "parley.voice.tts.openai.base-url=" + tts.baseUrl(),
              "parley.voice.tts.openai.api-key=bench"));
    } else {
      var model = options.llmModel();
      if (options.llmSynthetic() != null) {
        // Reused across runs: generating the 0.9 GB file takes seconds, not worth repeating.
        model = SizedGguf.write(Files.createDirectories(SYNTHETIC_MODELS), Shape.LLAMA_3_2_1B, 1);
        report.note(
            "LLM: RANDOM WEIGHTS in the shape of Llama-3.2-1B (SizedGguf: 16 layers, 2048 wide,"
                + " FFN 8192, 32/8 heads, 128,256 pieces; Q4_0 layers, Q6_K output). The compute"
                + " and timings per token are representative, the reply text is noise; replies"
                + " are cut at " + SYNTHETIC_REPLY_TOKENS + " tokens.");
        if (options.serverProps().stream().noneMatch(p -> p.startsWith(MAX_REPLY_TOKENS))) {
          // The model never chooses to stop: a short reply's length is set here.
          properties.add(MAX_REPLY_TOKENS + "=" + SYNTHETIC_REPLY_TOKENS);
        }
      } else if (model == null) {
        model = TinyGguf.write(Files.createDirectories(work.resolve("models")), 1);
        report.note(
            "LLM: a tiny RANDOM-WEIGHT GGUF (TinyGguf, 2 layers, 64 wide): its stage timings and"
                + " reply text are not representative of a real model.");
      } else {
        report.note("LLM: " + model.getFileName());
      }
      properties.addAll(
          List.of("parley.llm.provider=local", "parley.llm.local.model=" + model.toAbsolutePath()));
    }
    properties.addAll(options.serverProps());
    return properties;
  }

  /**
   * With the server pinned to the first cores, the benchmark (clients and fakes) runs on the others,
   * so that its own work never takes the server's CPU and shows up as the server's latency.
   */
  private void keepOffTheServersCores() throws IOException, InterruptedException {
    int cores = Runtime.getRuntime().availableProcessors();
    if (options.serverCores() == 0 || options.serverCores() >= cores) {
      return;
    }
    var others = options.serverCores() + "-" + (cores - 1);
    var pin =
        new ProcessBuilder(
                "taskset", "-a", "-p", "-c", others, Long.toString(ProcessHandle.current().pid()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (pin.waitFor() == 0) {
      report.note("The benchmark itself ran on cores " + others + ", the server on the others.");
    }
  }

  private static long ownCpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  /**
   * All sessions talk without a pause from the moment they open; the server's CPU and metrics are
   * read as the {@link MeasuredWindow} opens and closes.
   */
  private int talk(ServerProcess server, HttpClient http, List<short[]> utterances)
      throws Exception {
    long heapBefore = server.heapUsedAfterGc();
    var classesBefore = server.liveBytesByClass();
    var results = new ConcurrentLinkedQueue<TurnResult>();
    var hops = new ConcurrentLinkedQueue<Map<String, Double>>();
    var splitter =
        options.fakeStack() && options.sessions() == 1
            ? new ProviderHops(
                options.sttFinal(),
                options
                    .llmTtft()
                    .plus(options.llmToken().multipliedBy(FIRST_SENTENCE_TOKENS - 1)),
                options.ttsFirstByte(),
                FIRST_SENTENCE_TOKENS)
            : null;
    var failures = new ConcurrentLinkedQueue<String>();
    var window = new MeasuredWindow(options.sessions());
    var opened = new AtomicInteger();
    var spoken = new AtomicInteger();
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < options.sessions(); i++) {
        int index = i;
        threads.execute(
            () -> {
              var talker = window.talker(options.warmup(), options.turns());
              try {
                // Connections arrive spread out, as learners do, not as one burst.
                Thread.sleep(Duration.ofMillis(index * 3L));
                try (var session =
                    VoiceSession.open(
                        http, server.port(), options.level(), VoiceSession.Talking.of(options))) {
                  session.startAudio();
                  opened.incrementAndGet();
                  for (int turn = 0; talker.talking(); turn++) {
                    var result = session.turn(utterances.get((index + turn) % utterances.size()));
                    spoken.incrementAndGet();
                    if (talker.spoke(result.stoppedAtNanos())) {
                      results.add(result);
                      var parts = splitter == null ? null : splitter.split(result);
                      if (parts != null) {
                        hops.add(parts);
                      }
                    }
                    if (options.listen()) {
                      session.listen(result);
                    }
                  }
                }
              } catch (Exception e) {
                failures.add(e.getMessage() == null ? e.toString() : e.getMessage());
              } finally {
                talker.leave();
              }
            });
      }
      window.awaitWarmedUp();
      if (options.jfr() != null) {
        // CPU-time samples (JDK 25, Linux) see every thread on a CPU, virtual threads included;
        // the periodic execution sampler only catches a few threads each period.
        server.jcmd(
            "JFR.start",
            "name=measured",
            "settings=profile",
            "jdk.CPUTimeSample#enabled=true",
            "jdk.CPUTimeSample#throttle=1ms");
      }
      var lateness = new ConcurrentHashMap<String, ConcurrentLinkedQueue<Long>>();
      ProviderMarks.listenLateness(
          (name, nanos) ->
              lateness.computeIfAbsent(name, n -> new ConcurrentLinkedQueue<>()).add(nanos));
      // Reading the server's metrics costs it CPU (a Prometheus scrape): the turns that this
      // slows end outside the window, which opens after it and closes before the second reading.
      long metricsFrom = System.nanoTime();
      int spokenFrom = spoken.get();
      var vadBefore = server.vadFrames();
      var gcBefore = server.gc();
      var lagBefore = server.schedulingLag();
      Thread.sleep(METRICS_SETTLE);
      long cpuBefore = server.cpuNanos();
      long ownCpuBefore = ownCpuNanos();
      var threadsBefore = server.cpuNanosByThread();
      var ownLag = new ConcurrentLinkedQueue<Double>();
      var ownLagProbe =
          new SchedulingLagProbe(Duration.ofMillis(10), nanos -> ownLag.add(nanos / 1e6));
      ownLagProbe.start();
      long wallBefore = System.nanoTime();
      window.open();
      System.err.printf(
          "voice-latency: %d of %d sessions warmed up; measuring %d turns each...%n",
          opened.get(), options.sessions(), options.turns());
      window.awaitMeasured();
      long cpuAfter = server.cpuNanos();
      long ownCpuAfter = ownCpuNanos();
      ProviderMarks.listenLateness(null);
      var threadsAfter = server.cpuNanosByThread();
      long wallAfter = System.nanoTime();
      report.benchmarkCpu(
          ownCpuAfter - ownCpuBefore,
          wallAfter - wallBefore,
          Runtime.getRuntime().availableProcessors());
      ownLagProbe.close();
      window.close();
      Thread.sleep(METRICS_SETTLE); // the last counted turns get their first reply audio
      var vadAfter = server.vadFrames();
      var gcAfter = server.gc();
      var lagAfter = server.schedulingLag();
      long metricsTo = System.nanoTime();
      int spokenAround = spoken.get() - spokenFrom; // the turns the metrics' interval holds
      threads.close(); // the sessions finish the turn they are in, then close their sockets
      if (options.jfr() != null) {
        server.jcmd("JFR.stop", "name=measured", "filename=" + options.jfr());
        System.err.println("voice-latency: JFR recording of the measured phase: " + options.jfr());
      }
      if (!results.isEmpty()) {
        report.load(
            List.copyOf(results),
            cpuAfter - cpuBefore,
            wallAfter - wallBefore,
            server.rssBytes(),
            opened.get());
        report.threads(threadsBefore, threadsAfter, results.size());
        // The sockets are closed; the server lets go of their sessions as it hears of it.
        Thread.sleep(Duration.ofSeconds(2));
        report.heapAfterLoad(
            heapBefore,
            server.heapUsedAfterGc(),
            opened.get(),
            spoken.get());
        report.heapGrowthByClass(classesBefore, server.liveBytesByClass(), opened.get());
        report.vad(vadBefore, vadAfter, spokenAround);
        report.gc(server.collectors(), gcBefore, gcAfter, spokenAround, metricsTo - metricsFrom);
        report.schedulingLag(lagAfter.minus(lagBefore), List.copyOf(ownLag));
        var late = new TreeMap<String, List<Long>>();
        lateness.forEach((name, nanos) -> late.put(name, List.copyOf(nanos)));
        report.fakesLate(late);
      }
      if (splitter != null) {
        splitter.close();
        report.hops(List.copyOf(hops));
      }
    }
    report.failures(List.copyOf(failures));
    if (results.isEmpty()) {
      System.err.println(
          "voice-latency: no turn completed. "
              + (failures.isEmpty() ? "" : "First failure: " + failures.peek()));
      return 1;
    }
    return 0;
  }

  /** The server's CPU time per second of wall time over a few quiet seconds, in nanoseconds. */
  private static long cpuPerSecond(ServerProcess server) throws IOException, InterruptedException {
    long before = server.cpuNanos();
    long start = System.nanoTime();
    Thread.sleep(IDLE_CPU_WINDOW);
    return (server.cpuNanos() - before) * 1_000_000_000L / (System.nanoTime() - start);
  }

  /** Memory of idle connected sessions: RSS and heap after GC, before and after opening them. */
  private void idle(ServerProcess server, HttpClient http) throws Exception {
    // Sessions opened and closed first, so lazy initialisation is not counted per session.
    for (int i = 0; i < IDLE_WARMUP; i++) {
      try (var session = VoiceSession.open(http, server.port(), options.level(), VoiceSession.Talking.of(options))) {
        session.startAudio();
      } catch (IOException e) {
        // The measurement below reports what fails.
      }
    }
    long heapBefore = server.heapUsedAfterGc();
    long rssBefore = server.rssBytes();
    long cpuBefore = cpuPerSecond(server);
    var sessions = new ConcurrentLinkedQueue<VoiceSession>();
    var failures = new ConcurrentLinkedQueue<String>();
    var gate = new Semaphore(16);
    System.err.printf("voice-latency: opening %d idle sessions...%n", options.idle());
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < options.idle(); i++) {
        threads.execute(
            () -> {
              try {
                gate.acquire();
                try {
                  sessions.add(VoiceSession.open(http, server.port(), options.level(), VoiceSession.Talking.of(options)));
                } finally {
                  gate.release();
                }
              } catch (Exception e) {
                failures.add(String.valueOf(e.getMessage()));
              }
            });
      }
    }
    Thread.sleep(2_000);
    long heapConnected = server.heapUsedAfterGc();
    long rssConnected = server.rssBytes();
    long cpuConnected = cpuPerSecond(server);
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (var session : sessions) {
        threads.execute(
            () -> {
              try {
                gate.acquire();
                try {
                  session.startAudio();
                } finally {
                  gate.release();
                }
              } catch (Exception e) {
                failures.add(String.valueOf(e.getMessage()));
              }
            });
      }
    }
    Thread.sleep(2_000);
    long heapAudio = server.heapUsedAfterGc();
    long rssAudio = server.rssBytes();
    long cpuAudio = cpuPerSecond(server);
    var memory = new LinkedHashMap<String, long[]>();
    memory.put(
        "connected (session.ready)",
        new long[] {rssConnected - rssBefore, heapConnected - heapBefore, cpuConnected});
    memory.put(
        "connected + audio.start",
        new long[] {rssAudio - rssBefore, heapAudio - heapBefore, cpuAudio});
    report.idle(sessions.size(), memory, rssBefore, heapBefore, cpuBefore);
    report.failures(List.copyOf(failures));
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      sessions.forEach(session -> threads.execute(session::close));
    }
  }
}
