package dev.parley.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The command line of {@code bench/voice-latency}.
 *
 * @param stack {@code fake} (loopback cloud fakes with configured delays) or {@code local}
 *     (pocketsphinx, FreeTTS and a GGUF model in-process)
 * @param serverCores cores the server child is pinned to with {@code taskset}; 0 leaves it free
 * @param idle idle connected sessions to open for the memory measurement; 0 skips it
 * @param fast send audio as fast as the socket takes it instead of in real time
 * @param clientEndpointing the client marks its turns ({@code "endpointing":"client"}): it sends
 *     only the utterance, then {@code speech.end}, and the server runs no VAD
 * @param frameMillis milliseconds of audio per binary frame
 * @param listen after each reply, wait as long as its audio plays before speaking again
 * @param llmSynthetic local stack: the shape of a random-weight model to generate ({@code 1b}),
 *     or null
 * @param databaseUrl the server's JDBC URL, or null for a fresh H2 file in the working directory
 * @param jfr where to write a JFR recording of the server's measured phase, or null
 */
record BenchOptions(
    String stack,
    int sessions,
    int turns,
    int warmup,
    Duration llmTtft,
    Duration llmToken,
    Duration sttFinal,
    Duration ttsFirstByte,
    Duration ttsChunk,
    int serverCores,
    int idle,
    boolean talk,
    boolean fast,
    boolean clientEndpointing,
    int frameMillis,
    boolean listen,
    String level,
    Path llmModel,
    String llmSynthetic,
    Path out,
    Path jar,
    List<String> serverProps,
    List<String> serverJavaOpts,
    String databaseUrl,
    Path jfr) {

  static final String USAGE =
      """
      usage: bench/voice-latency [options]
        --stack fake|local     loopback fake cloud providers (default) or the embedded local stack
        --sessions N           concurrent sessions talking (default 1)
        --turns M              measured turns per session (default 10)
        --warmup W             unmeasured turns per session first (default 2)
        --llm-ttft 200ms       fake LLM time to first token
        --llm-token 10ms       fake LLM pause between tokens
        --stt-final 150ms      fake STT: end of audio (Finalize) to final transcript
        --tts-first-byte 120ms fake TTS time to first byte
        --tts-chunk 0ms        fake TTS pause between audio chunks
        --server-cores K       pin the server child to cores 0..K-1 (taskset); default unpinned
        --idle N               open N idle sessions and report server memory per session
                               (alone, unless --sessions is also given: then after the load)
        --fast                 send audio as fast as possible (single-session overhead runs)
        --endpointing server   who ends a turn: server (its VAD, after the trailing silence) or
                               client (the utterance only, then speech.end; no VAD on the server)
        --frame-ms 20          audio per binary frame, 20 to 100 ms
        --listen               hear each reply out (wait its audio's duration) before the next
                               turn, as a learner does; without it the next turn starts at once
        --level B1             the sessions' CEFR level (sets the VAD's trailing silence)
        --llm-model PATH.gguf  local stack: the model (default: a tiny random-weight GGUF)
        --llm-synthetic 1b     local stack: a random-weight model of Llama-3.2-1B's shape and
                               quantization (Q4_0), generated once into target/bench-models;
                               real compute per token, meaningless text
        --out FILE             also write the markdown report to FILE
        --server-prop k=v      extra server property (repeatable), e.g. to override a provider
        --server-java-opt OPT  extra JVM option for the server (repeatable), e.g. -Xmx512m
        --database-url URL     the server's database instead of a fresh H2 file, e.g.
                               jdbc:postgresql://localhost:5432/parley?user=parley&password=...
                               (a database the benchmark does not clean up)
        --jfr FILE             record the server's measured phase only with JFR (profile
                               settings and CPU-time samples) into FILE
      """;

  static BenchOptions parse(String[] args) {
    String stack = "fake";
    int sessions = 1;
    int turns = 10;
    int warmup = 2;
    Duration llmTtft = Duration.ofMillis(200);
    Duration llmToken = Duration.ofMillis(10);
    Duration sttFinal = Duration.ofMillis(150);
    Duration ttsFirstByte = Duration.ofMillis(120);
    Duration ttsChunk = Duration.ZERO;
    int serverCores = 0;
    int idle = 0;
    boolean fast = false;
    boolean clientEndpointing = false;
    int frameMillis = 20;
    boolean listen = false;
    String level = "B1";
    Path llmModel = null;
    String llmSynthetic = null;
    Path out = null;
    Path jfr = null;
    Path jar = Path.of("target/parley-0.1.0-SNAPSHOT.jar");
    boolean sessionsGiven = false;
    var serverProps = new ArrayList<String>();
    var serverJavaOpts = new ArrayList<String>();
    String databaseUrl = null;
    for (int i = 0; i < args.length; i++) {
      var name = args[i];
      if (name.equals("--fast")) {
        fast = true;
        continue;
      }
      if (name.equals("--listen")) {
        listen = true;
        continue;
      }
      if (name.equals("--help") || name.equals("-h")) {
        throw new IllegalArgumentException("");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      var value = args[++i];
      switch (name) {
        case "--stack" -> {
          stack = value.toLowerCase(Locale.ROOT);
          if (!stack.equals("fake") && !stack.equals("local")) {
            throw new IllegalArgumentException("--stack is fake or local, not " + value);
          }
        }
        case "--sessions" -> {
          sessions = positive(name, value);
          sessionsGiven = true;
        }
        case "--turns" -> turns = positive(name, value);
        case "--warmup" -> warmup = nonNegative(name, value);
        case "--llm-ttft" -> llmTtft = duration(name, value);
        case "--llm-token" -> llmToken = duration(name, value);
        case "--stt-final" -> sttFinal = duration(name, value);
        case "--tts-first-byte" -> ttsFirstByte = duration(name, value);
        case "--tts-chunk" -> ttsChunk = duration(name, value);
        case "--server-cores" -> serverCores = nonNegative(name, value);
        case "--idle" -> idle = nonNegative(name, value);
        case "--endpointing" -> {
          if (!value.equals("server") && !value.equals("client")) {
            throw new IllegalArgumentException("--endpointing is server or client, not " + value);
          }
          clientEndpointing = value.equals("client");
        }
        case "--frame-ms" -> {
          frameMillis = positive(name, value);
          if (frameMillis < 20 || frameMillis > 100) {
            throw new IllegalArgumentException("--frame-ms is 20 to 100, not " + value);
          }
        }
        case "--level" -> level = value.toUpperCase(Locale.ROOT);
        case "--llm-model" -> llmModel = Path.of(value).toAbsolutePath();
        case "--llm-synthetic" -> {
          llmSynthetic = value.toLowerCase(Locale.ROOT);
          if (!llmSynthetic.equals("1b")) {
            throw new IllegalArgumentException("--llm-synthetic knows the shape 1b, not " + value);
          }
        }
        case "--out" -> out = Path.of(value);
        case "--jar" -> jar = Path.of(value);
        case "--server-prop" -> {
          if (!value.contains("=")) {
            throw new IllegalArgumentException("--server-prop takes key=value, not " + value);
          }
          serverProps.add(value);
        }
        case "--server-java-opt" -> serverJavaOpts.add(value);
        case "--database-url" -> {
          databaseUrl = value;
          serverProps.add("spring.datasource.url=" + value);
        }
        case "--jfr" -> jfr = Path.of(value).toAbsolutePath();
        default -> throw new IllegalArgumentException("unknown option " + name);
      }
    }
    if (llmSynthetic != null && (llmModel != null || !stack.equals("local"))) {
      throw new IllegalArgumentException(
          "--llm-synthetic goes with --stack local and without --llm-model");
    }
    return new BenchOptions(
        stack,
        sessions,
        turns,
        warmup,
        llmTtft,
        llmToken,
        sttFinal,
        ttsFirstByte,
        ttsChunk,
        serverCores,
        idle,
        idle == 0 || sessionsGiven,
        fast,
        clientEndpointing,
        frameMillis,
        listen,
        level,
        llmModel,
        llmSynthetic,
        out,
        jar.toAbsolutePath(),
        List.copyOf(serverProps),
        List.copyOf(serverJavaOpts),
        databaseUrl,
        jfr);
  }

  boolean fakeStack() {
    return stack.equals("fake");
  }

  /** "200ms", "1.5s", "0". */
  static Duration duration(String name, String value) {
    var text = value.trim().toLowerCase(Locale.ROOT);
    try {
      if (text.endsWith("ms")) {
        return Duration.ofNanos(Math.round(Double.parseDouble(text.replace("ms", "")) * 1e6));
      }
      if (text.endsWith("s")) {
        return Duration.ofNanos(Math.round(Double.parseDouble(text.replace("s", "")) * 1e9));
      }
      if (Double.parseDouble(text) == 0) {
        return Duration.ZERO;
      }
    } catch (NumberFormatException e) {
      // Falls through to the complaint below.
    }
    throw new IllegalArgumentException(
        name + " takes a duration such as 200ms or 1s, not " + value);
  }

  private static int positive(String name, String value) {
    int n = nonNegative(name, value);
    if (n == 0) {
      throw new IllegalArgumentException(name + " must be at least 1");
    }
    return n;
  }

  private static int nonNegative(String name, String value) {
    try {
      int n = Integer.parseInt(value.replace("_", "").replace(",", ""));
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Falls through to the complaint below.
    }
    throw new IllegalArgumentException(name + " takes a whole number, not " + value);
  }
}
