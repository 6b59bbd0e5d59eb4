package dev.parley.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Parley server as a child process (so the benchmark client's CPU is not counted), optionally
 * pinned to the first cores with {@code taskset}, with its CPU time and memory read from {@code
 * /proc}.
 */
final class ServerProcess implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration STARTUP_LIMIT = Duration.ofMinutes(3);
  private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

  private final Process process;
  private final int port;
  private final Path log;
  private final HttpClient http;

  private ServerProcess(Process process, int port, Path log, HttpClient http) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.http = http;
  }

  /**
   * Starts {@code java @jvm.args javaOptions -jar jar} in {@code workDir} with these properties and
   * waits until live: the JVM options {@code ./parley} uses (the file beside the jar's {@code
   * target} folder), then any the benchmark adds.
   */
  static ServerProcess start(
      Path jar, Path workDir, List<String> javaOptions, List<String> properties, int cores)
      throws IOException, InterruptedException {
    if (!Files.isRegularFile(jar)) {
      throw new IOException("No server jar at " + jar + ": run ./mvnw -DskipTests package");
    }
    var jvmArgs = jar.toAbsolutePath().getParent().resolveSibling("jvm.args");
    if (!Files.isRegularFile(jvmArgs)) {
      throw new IOException("No JVM options at " + jvmArgs + ", beside the jar's target folder");
    }
    int port = freePort();
    var command = new ArrayList<String>();
    if (cores > 0) {
      command.addAll(List.of("taskset", "-c", cores == 1 ? "0" : "0-" + (cores - 1)));
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("@" + jvmArgs);
    command.addAll(javaOptions);
    command.add("-jar");
    command.add(jar.toString());
    command.add("--server.port=" + port);
    properties.forEach(property -> command.add("--" + property));
    var log = workDir.resolve("server.log");
    var process =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    var server =
        new ServerProcess(
            process,
            port,
            log,
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    server.awaitLive();
    server.awaitGrammarWarmUp();
    return server;
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  /** User plus system CPU time of the whole process so far, in nanoseconds. */
  long cpuNanos() throws IOException {
    var stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
    // Fields after the command name, which is in parentheses and may contain spaces.
    var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    return ticks * 1_000_000_000L / ClockTicks.PER_SECOND;
  }

  /**
   * CPU time per thread group so far, in nanoseconds: threads named alike (digits dropped, names as
   * the kernel truncates them to 15 characters) are summed; threads that ended are missing.
   */
  Map<String, Long> cpuNanosByThread() throws IOException {
    var byName = new TreeMap<String, Long>();
    try (var tasks = Files.list(Path.of("/proc", Long.toString(pid()), "task"))) {
      for (var task : tasks.toList()) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException ended) {
          continue;
        }
        var name =
            stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("\\d+", "#");
        var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        byName.merge(name, ticks * 1_000_000_000L / ClockTicks.PER_SECOND, Long::sum);
      }
    }
    return byName;
  }

  /** Resident set size in bytes. */
  long rssBytes() throws IOException {
    var status = Files.readString(Path.of("/proc", Long.toString(pid()), "status"));
    var matcher = RSS.matcher(status);
    if (!matcher.find()) {
      throw new IOException("No VmRSS in /proc/" + pid() + "/status");
    }
    return Long.parseLong(matcher.group(1)) * 1024;
  }

  /** Heap in use right after a full collection, as the server's own metrics report it. */
  long heapUsedAfterGc() throws IOException, InterruptedException {
    for (int i = 0; i < 2; i++) {
      jcmd("GC.run");
    }
    var body = get("/actuator/metrics/jvm.memory.used?tag=area:heap");
    return JSON.readTree(body).path("measurements").path(0).path("value").asLong();
  }

  /** Bytes of live objects by class, from a class histogram (which collects first). */
  Map<String, Long> liveBytesByClass() throws IOException, InterruptedException {
    var byClass = new HashMap<String, Long>();
    var row = Pattern.compile("^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)", Pattern.MULTILINE);
    var matcher = row.matcher(jcmd("GC.class_histogram"));
    while (matcher.find()) {
      byClass.merge(matcher.group(2), Long.parseLong(matcher.group(1)), Long::sum);
    }
    return byClass;
  }

  /**
   * The turn detectors' frames so far by what decided them ({@code classified} by the network,
   * {@code skipped}: the last verdict kept, {@code gated} by energy), from the server's metrics.
   */
  Map<String, Double> vadFrames() throws IOException, InterruptedException {
    var frames = new TreeMap<String, Double>();
    for (var result : List.of("classified", "skipped", "gated")) {
      var body = get("/actuator/metrics/parley.voice.vad.frames?tag=result:" + result);
      frames.put(result, JSON.readTree(body).path("measurements").path(0).path("value").asDouble());
    }
    return frames;
  }

  /**
   * The collector's work so far, from the server's metrics: bytes allocated in the young
   * generation ({@code allocated}), pauses ({@code pauses}) and their total seconds ({@code
   * pauseSeconds}).
   */
  Map<String, Double> gc() throws IOException, InterruptedException {
    var gc = new TreeMap<String, Double>();
    gc.put("allocated", measurement(get("/actuator/metrics/jvm.gc.memory.allocated"), "COUNT"));
    String pauses;
    try {
      pauses = get("/actuator/metrics/jvm.gc.pause");
    } catch (IOException e) {
      pauses = "{}"; // no collection yet: the timer appears with the first pause
    }
    gc.put("pauses", measurement(pauses, "COUNT"));
    gc.put("pauseSeconds", measurement(pauses, "TOTAL_TIME"));
    return gc;
  }

  /** The server's collectors as its pause metric names them, e.g. "G1 Young Generation". */
  List<String> collectors() throws IOException, InterruptedException {
    var names = new ArrayList<String>();
    for (var tag : JSON.readTree(get("/actuator/metrics/jvm.gc.pause")).path("availableTags")) {
      if (tag.path("tag").asString().equals("gc")) {
        tag.path("values").forEach(name -> names.add(name.asString()));
      }
    }
    return names;
  }

  /** The histogram of the server's scheduling lag so far (see {@code SchedulingLagProbe}). */
  CumulativeHistogram schedulingLag() throws IOException, InterruptedException {
    return CumulativeHistogram.parse(get("/actuator/prometheus"), "parley_scheduling_lag_seconds");
  }

  private static double measurement(String body, String statistic) {
    for (var measurement : JSON.readTree(body).path("measurements")) {
      if (measurement.path("statistic").asString().equals(statistic)) {
        return measurement.path("value").asDouble();
      }
    }
    return 0;
  }

  /** Runs a {@code jcmd} diagnostic command against the server and returns its output. */
  String jcmd(String... command) throws IOException, InterruptedException {
    var line = new ArrayList<String>();
    line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    line.add(Long.toString(pid()));
    line.addAll(List.of(command));
    var process = new ProcessBuilder(line).redirectErrorStream(true).start();
    var output = new String(process.getInputStream().readAllBytes());
    process.waitFor(60, TimeUnit.SECONDS);
    return output;
  }

  String get(String path) throws IOException, InterruptedException {
    var response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + path + " answered " + response.statusCode());
    }
    return response.body();
  }

  private void awaitLive() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            "The server exited with "
                + process.exitValue()
                + " while starting; see "
                + log
                + ":\n"
                + tail());
      }
      try {
        get("/actuator/health/liveness");
        return;
      } catch (IOException notYet) {
        Thread.sleep(250);
      }
    }
    throw new IOException("The server did not come up within " + STARTUP_LIMIT + "; see " + log);
  }

  /**
   * LanguageTool loads its languages in the background for the first ~10–40 s of CPU; measuring
   * meanwhile would count that as the turns' cost.
   */
  private void awaitGrammarWarmUp() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
    boolean said = false;
    while (System.nanoTime() < deadline) {
      var grammar = JSON.readTree(get("/actuator/health")).path("components").path("grammar");
      if (!grammar.path("details").path("warmingUp").asBoolean(false)) {
        return;
      }
      if (!said) {
        System.err.println("voice-latency: waiting for the grammar checker to warm up ...");
        said = true;
      }
      Thread.sleep(500);
    }
    throw new IOException("The grammar checker did not warm up within " + STARTUP_LIMIT);
  }

  /** The last lines of the server's log, for error messages. */
  String tail() {
    try {
      var lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The kernel's USER_HZ, the unit of utime and stime in /proc/PID/stat. */
  private static final class ClockTicks {
    static final long PER_SECOND = read();

    private static long read() {
      try {
        var getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
        var text = new String(getconf.getInputStream().readAllBytes()).trim();
        getconf.waitFor(10, TimeUnit.SECONDS);
        return Long.parseLong(text);
      } catch (IOException | NumberFormatException e) {
        return 100;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 100;
      }
    }
  }
}
