package dev.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What llama.cpp says in the server log about each generation ({@code print_timing}): how many
 * prompt tokens it evaluated (few when the slot's KV cache held the conversation) and how fast it
 * decoded. de.kherud:llama writes these lines to native stderr, which the server log captures.
 */
final class LlamaTimings {

  private static final Pattern PROMPT =
      Pattern.compile("^prompt eval time =\\s*([\\d.]+) ms /\\s*(\\d+) tokens");
  private static final Pattern DECODE =
      Pattern.compile("^\\s*eval time =\\s*([\\d.]+) ms /\\s*(\\d+) tokens");

  /** One generation: prompt tokens evaluated and their time, tokens decoded and their time. */
  record Generation(int promptTokens, double promptMillis, int decoded, double decodeMillis) {}

  private LlamaTimings() {}

  static List<Generation> read(Path serverLog) throws IOException {
    var generations = new ArrayList<Generation>();
    int promptTokens = -1;
    double promptMillis = 0;
    for (var line : Files.readAllLines(serverLog)) {
      var prompt = PROMPT.matcher(line);
      var decode = DECODE.matcher(line);
      if (prompt.find()) {
        promptMillis = Double.parseDouble(prompt.group(1));
        promptTokens = Integer.parseInt(prompt.group(2));
      } else if (decode.find() && promptTokens >= 0) {
        generations.add(
            new Generation(
                promptTokens,
                promptMillis,
                Integer.parseInt(decode.group(2)),
                Double.parseDouble(decode.group(1))));
        promptTokens = -1;
      }
    }
    return generations;
  }

  /** A report line on the replies (generations of more than one token; one is a prefill). */
  static String summary(List<Generation> generations) {
    var replies = generations.stream().filter(g -> g.decoded() > 1).toList();
    if (replies.isEmpty()) {
      return "llama.cpp: no generation timings in the server log";
    }
    var promptTokens = replies.stream().map(g -> String.valueOf(g.promptTokens())).toList();
    var later = replies.subList(1, replies.size());
    double promptMillis = Percentiles.of(later.stream().map(Generation::promptMillis).toList()).p50();
    double perToken =
        Percentiles.of(replies.stream().map(g -> g.decodeMillis() / g.decoded()).toList()).p50();
    var prefills = generations.stream().filter(g -> g.decoded() <= 1).toList();
    return String.format(
        Locale.ROOT,
        "llama.cpp (server log), %d replies: prompt tokens evaluated per reply %s; after the"
            + " first, median prompt evaluation %.0f ms; median decode %.1f ms/token (%.1f"
            + " tokens/s); %d prefills (persona, learner's words) evaluated %d tokens in %.0f ms",
        replies.size(),
        String.join(", ", promptTokens),
        promptMillis,
        perToken,
        1000 / perToken,
        prefills.size(),
        prefills.stream().mapToInt(Generation::promptTokens).sum(),
        prefills.stream().mapToDouble(Generation::promptMillis).sum());
  }
}
