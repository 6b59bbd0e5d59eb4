package dev.parley.bench;

import dev.parley.character.CefrLevel;
import dev.parley.feedback.grammar.GrammarChecker;
import dev.parley.feedback.grammar.LanguageToolChecker;
import dev.parley.feedback.grammar.LlmReviewedChecker;
import dev.parley.llm.LlmProperties.Cloud;
import dev.parley.llm.cloud.CloudChatModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench/grammar-jfleg}: corrects JFLEG dev with the grammar checker (the first suggestion of
 * every non-overlapping correction) and prints GLEU against the four references, the source's own
 * GLEU as the baseline, precision/recall/F0.5 of the edits against the M2 gold edits, and the speed
 * of a check.
 */
public final class GrammarJflegBench {

  static final String USAGE =
      """
      usage: bench/grammar-jfleg [options]
        --data DIR            JFLEG dev directory with dev.src, dev.ref0..3, dev.ref.m2
                              (default ../shared/data/jfleg-dev, from the repository root)
        --limit N             only the first N sentences
        --iterations N        GLEU reference draws (default 500, as the official script)
        --write-corrected F   also write the corrected sentences to F (one per line, tokenized)
        --llm-review          also run with the LLM review (needs --llm-base-url)
        --llm-base-url URL    an OpenAI-compatible endpoint, e.g. https://api.openai.com/v1
        --llm-model NAME      its model (default gpt-4o-mini)
        --llm-api-key KEY     its key (default: environment OPENAI_API_KEY)
      """;

  private GrammarJflegBench() {}

  public static void main(String[] args) throws IOException {
    var data = Path.of("../shared/data/jfleg-dev");
    int limit = Integer.MAX_VALUE;
    int iterations = 500;
    boolean llmReview = false;
    Path corrected = null;
    String llmBaseUrl = null;
    String llmModel = "gpt-4o-mini";
    String llmApiKey = System.getenv("OPENAI_API_KEY");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--data" -> data = Path.of(args[++i]);
        case "--limit" -> limit = Integer.parseInt(args[++i]);
        case "--iterations" -> iterations = Integer.parseInt(args[++i]);
        case "--write-corrected" -> corrected = Path.of(args[++i]);
        case "--llm-review" -> llmReview = true;
        case "--llm-base-url" -> llmBaseUrl = args[++i];
        case "--llm-model" -> llmModel = args[++i];
        case "--llm-api-key" -> llmApiKey = args[++i];
        case "--help", "-h" -> {
          System.out.print(USAGE);
          return;
        }
        default -> {
          System.err.print("unknown option " + args[i] + "\n" + USAGE);
          System.exit(2);
        }
      }
    }
    var corpus = Jfleg.read(data, limit);
    System.out.printf(
        "JFLEG dev: %d sentences, %d references each, from %s%n",
        corpus.sources().size(), corpus.references().getFirst().size(), data.toAbsolutePath());

    var rules = new LanguageToolChecker(List.of("en"), 1);
    long warmStart = System.nanoTime();
    rules.warmUp();
    System.out.printf("LanguageTool en-US built and warmed in %d ms%n%n", ms(warmStart));

    var gleu = new Gleu(corpus.sourceTokens(), corpus.referenceTokens());
    System.out.println(
        "| Run | GLEU | Precision | Recall | F0.5 | Edits | Sentences/s | Median ms |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    System.out.printf(
        "| source as-is (baseline) | %.1f | – | – | – | 0 | – | – |%n",
        100 * gleu.score(corpus.sourceTokens(), iterations));
    var ruleRun = run(rules, corpus);
    print("LanguageTool, first suggestion", ruleRun, gleu, iterations);
    if (corrected != null) {
      Files.write(corrected, ruleRun.corrected().stream().map(t -> String.join(" ", t)).toList());
    }

    if (llmReview) {
      if (llmBaseUrl == null) {
        System.out.println("\n--llm-review skipped: no LLM configured (give --llm-base-url).");
        return;
      }
      var model =
          CloudChatModels.openAi(
              new Cloud(llmBaseUrl, llmApiKey, llmModel),
              new CloudChatModels.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(60)));
      print(
          "LanguageTool + LLM review (" + llmModel + ")",
          run(new LlmReviewedChecker(rules, model), corpus),
          gleu,
          iterations);
    }
  }

  private static JflegRun run(GrammarChecker checker, Jfleg corpus) {
    var result = new JflegRun(corpus.m2());
    for (int i = 0; i < corpus.sources().size(); i++) {
      var sentence = new JflegTokens(corpus.sources().get(i));
      long started = System.nanoTime();
      var corrections = checker.check(sentence.text(), "en-US", CefrLevel.B2);
      result.add(i, sentence, corrections, System.nanoTime() - started);
    }
    return result;
  }

  private static void print(String name, JflegRun run, Gleu gleu, int iterations) {
    double p = run.precision();
    double r = run.recall();
    double f = p + r == 0 ? 0 : 1.25 * p * r / (0.25 * p + r);
    System.out.printf(
        Locale.ROOT,
        "| %s | %.1f | %.1f%% | %.1f%% | %.1f%% | %d | %.1f | %.1f |%n",
        name,
        100 * gleu.score(run.corrected(), iterations),
        100 * p,
        100 * r,
        100 * f,
        run.edits(),
        run.sentencesPerSecond(),
        run.medianMillis());
    System.out.println();
    System.out.println("Edits by category (correct / made): " + run.byCategory());
    System.out.println();
  }

  private static long ms(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** The data set, read once. */
  record Jfleg(List<String> sources, List<List<String>> references, M2Edits m2) {

    static Jfleg read(Path dir, int limit) throws IOException {
      var sources = Files.readAllLines(dir.resolve("dev.src"));
      var refs = new ArrayList<List<String>>();
      for (int r = 0; Files.exists(dir.resolve("dev.ref" + r)); r++) {
        refs.add(Files.readAllLines(dir.resolve("dev.ref" + r)));
      }
      var m2 = M2Edits.read(dir.resolve("dev.ref.m2"));
      if (refs.isEmpty() || m2.size() != sources.size()) {
        throw new IOException("Expected dev.ref0.. and an M2 sentence per source line in " + dir);
      }
      int n = Math.min(limit, sources.size());
      var perSentence = new ArrayList<List<String>>();
      for (int i = 0; i < n; i++) {
        int index = i;
        perSentence.add(refs.stream().map(ref -> ref.get(index)).toList());
      }
      return new Jfleg(sources.subList(0, n), perSentence, m2);
    }

    List<List<String>> sourceTokens() {
      return sources.stream().map(Jfleg::split).toList();
    }

    List<List<List<String>>> referenceTokens() {
      return references.stream().map(refs -> refs.stream().map(Jfleg::split).toList()).toList();
    }

    static List<String> split(String line) {
      return line.isBlank() ? List.of() : Arrays.asList(line.strip().split("\\s+"));
    }
  }
}
