package dev.parley.llm.local;

import dev.parley.llm.ChatMessage;
import dev.parley.llm.ChatModelContractTest.Recorder;
import dev.parley.llm.ChatRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints load time, first-token latency and generation speed of a first and a follow-up turn.
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java --enable-native-access=ALL-UNNAMED \
 *   -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *   dev.parley.llm.local.LocalLlmBench [model.gguf] [threads]
 * </pre>
 *
 * Without a model path it generates a tiny random-weight one.
 */
public final class LocalLlmBench {

  private LocalLlmBench() {}

  public static void main(String[] args) throws Exception {
    var file =
        args.length > 0
            ? Path.of(args[0])
            : TinyGguf.write(Files.createTempDirectory("parley-bench"), 1);
    var defaults = LocalModelSettings.defaults();
    var settings =
        new LocalModelSettings(
            args.length > 1 ? Integer.parseInt(args[1]) : defaults.threads(),
            defaults.contextSize(),
            defaults.gpuLayers(),
            defaults.parallelSessions());
    long loadStart = System.nanoTime();
    try (var model = new LlamaChatModel(file, settings)) {
      System.out.printf("%s loaded in %.0f ms%n", file.getFileName(), millisSince(loadStart));
      var history = new ArrayList<ChatMessage>();
      history.add(
          ChatMessage.system(
              "You are Lucía, a friendly barista in Madrid. Speak simple Spanish (CEFR A2),"
                  + " keep replies to two sentences and ask one question back."));
      history.add(ChatMessage.user("Hola, ¿qué me recomiendas para desayunar?"));
      var first = turn(model, history, "first turn");
      history.add(ChatMessage.assistant(first));
      history.add(ChatMessage.user("Perfecto. ¿Y cuánto cuesta?"));
      turn(model, history, "follow-up turn");
    }
    // llama.cpp leaves a non-daemon native thread behind (java-llama.cpp issue #116).
    System.exit(0);
  }

  private static String turn(LlamaChatModel model, List<ChatMessage> messages, String label)
      throws Exception {
    var request = new ChatRequest(messages, 128, 0.7, null, "bench");
    var listener = new Recorder();
    long start = System.nanoTime();
    model.stream(request, listener);
    var reply = listener.result.get();
    long end = System.nanoTime();
    long firstToken = listener.firstTokenNanos;
    double generationSeconds = (end - firstToken) / 1e9;
    System.out.printf(
        "%s: prompt %d tokens, first token after %.0f ms, %d tokens at %.1f tok/s%n",
        label,
        reply.promptTokens(),
        (firstToken - start) / 1e6,
        reply.completionTokens(),
        (reply.completionTokens() - 1) / Math.max(generationSeconds, 1e-9));
    return reply.text();
  }

  private static double millisSince(long start) {
    return (System.nanoTime() - start) / 1e6;
  }
}
