package dev.parley.llm.local;

import dev.parley.llm.ChatListener;
import dev.parley.llm.ChatMessage;
import dev.parley.llm.ChatRequest;
import dev.parley.llm.ChatResult;
import dev.parley.llm.LlmException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

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
    var result = new CompletableFuture<ChatResult>();
    var firstToken = new long[1];
    long start = System.nanoTime();
    model.stream(
        request,
        new ChatListener() {
          @Override
          public void onToken(String text) {
            if (firstToken[0] == 0) {
              firstToken[0] = System.nanoTime();
            }
          }

          @Override
          public void onComplete(ChatResult chatResult) {
            result.complete(chatResult);
          }

          @Override
          public void onError(LlmException error) {
            result.completeExceptionally(error);
          }
        });
    var reply = result.get();
    long end = System.nanoTime();
    double generationSeconds = (end - firstToken[0]) / 1e9;
    System.out.printf(
        "%s: prompt %d tokens, first token after %.0f ms, %d tokens at %.1f tok/s%n",
        label,
        reply.promptTokens(),
        (firstToken[0] - start) / 1e6,
        reply.completionTokens(),
        (reply.completionTokens() - 1) / Math.max(generationSeconds, 1e-9));
    return reply.text();
  }

  private static double millisSince(long start) {
    return (System.nanoTime() - start) / 1e6;
  }
}
