package dev.parley.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * GLEU as in the JFLEG paper's official {@code gleu.py} / {@code compute_gleu} (Napoles et al.,
 * 2015, revised 2016): per n-gram order 1..4, the hypothesis n-grams found in the reference count
 * for it and those it keeps from the source although the reference dropped them count against it;
 * the corpus score is the geometric mean of these precisions times a brevity penalty. Each
 * iteration picks one reference per sentence at random (a fixed seed per iteration); the result is
 * the mean over iterations. The seeds feed {@link Random}, not Python's generator, so the reference
 * draws, and the last digit, can differ from the script's.
 */
final class Gleu {

  static final int ORDER = 4;

  private final List<List<String>> sources;
  private final List<List<List<String>>> references;
  private final Map<Integer, int[]> draws = new HashMap<>();

  /**
   * @param sources tokenized source sentences
   * @param references per sentence, its tokenized references
   */
  Gleu(List<List<String>> sources, List<List<List<String>>> references) {
    if (sources.size() != references.size()) {
      throw new IllegalArgumentException("One reference set per source sentence");
    }
    this.sources = sources;
    this.references = references;
  }

  /** Mean GLEU (0..1) of {@code hypotheses} over {@code iterations} reference draws. */
  double score(List<List<String>> hypotheses, int iterations) {
    if (hypotheses.size() != sources.size()) {
      throw new IllegalArgumentException("One hypothesis per source sentence");
    }
    var totals = new long[iterations][2 + 2 * ORDER];
    for (int i = 0; i < hypotheses.size(); i++) {
      var byReference = new long[references.get(i).size()][];
      for (int j = 0; j < iterations; j++) {
        int ref = drawsFor(j, hypotheses.size())[i];
        if (byReference[ref] == null) {
          byReference[ref] = stats(hypotheses.get(i), sources.get(i), references.get(i).get(ref));
        }
        for (int k = 0; k < totals[j].length; k++) {
          totals[j][k] += byReference[ref][k];
        }
      }
    }
    double sum = 0;
    for (var total : totals) {
      sum += gleu(total);
    }
    return sum / iterations;
  }

  /** The reference index per sentence in iteration {@code j}: the same for every hypothesis. */
  private synchronized int[] drawsFor(int j, int sentences) {
    return draws.computeIfAbsent(
        j,
        key -> {
          var random = new Random(key * 101L);
          var picks = new int[sentences];
          for (int i = 0; i < sentences; i++) {
            picks[i] = random.nextInt(references.get(i).size());
          }
          return picks;
        });
  }

  /** {@code [hyp length, ref length, then per order: matches, hyp n-grams]} as gleu_stats. */
  static long[] stats(List<String> hypothesis, List<String> source, List<String> reference) {
    var stats = new long[2 + 2 * ORDER];
    stats[0] = hypothesis.size();
    stats[1] = reference.size();
    for (int n = 1; n <= ORDER; n++) {
      var h = ngrams(hypothesis, n);
      var s = ngrams(source, n);
      var r = ngrams(reference, n);
      // Source n-grams the reference does not have at all: keeping them is penalized.
      var sourceOnly = new HashMap<>(s);
      sourceOnly.keySet().removeAll(r.keySet());
      long matches = overlap(h, r) - overlap(h, sourceOnly);
      stats[2 * n] = Math.max(matches, 0);
      stats[2 * n + 1] = Math.max(hypothesis.size() + 1 - n, 0);
    }
    return stats;
  }

  /** Corpus GLEU from summed stats; 0 when any count is 0, as the script does. */
  static double gleu(long[] stats) {
    for (var value : stats) {
      if (value == 0) {
        return 0;
      }
    }
    double c = stats[0];
    double r = stats[1];
    double logPrecision = 0;
    for (int n = 1; n <= ORDER; n++) {
      logPrecision += Math.log((double) stats[2 * n] / stats[2 * n + 1]);
    }
    return Math.exp(Math.min(0, 1 - r / c) + logPrecision / ORDER);
  }

  static Map<List<String>, Integer> ngrams(List<String> tokens, int n) {
    var counts = new HashMap<List<String>, Integer>();
    for (int i = 0; i + n <= tokens.size(); i++) {
      counts.merge(new ArrayList<>(tokens.subList(i, i + n)), 1, Integer::sum);
    }
    return counts;
  }

  /** Size of the multiset intersection (Python's {@code sum((a & b).values())}). */
  private static long overlap(Map<List<String>, Integer> a, Map<List<String>, Integer> b) {
    long total = 0;
    for (var entry : a.entrySet()) {
      total += Math.min(entry.getValue(), b.getOrDefault(entry.getKey(), 0));
    }
    return total;
  }
}
