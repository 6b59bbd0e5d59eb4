package dev.parley.bench;

import dev.parley.feedback.grammar.Correction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The corrected sentences, the edits' scores against the M2 gold edits, and check timings. */
final class JflegRun {

  private final M2Edits gold;
  private final List<List<String>> corrected = new ArrayList<>();
  private final List<Long> nanos = new ArrayList<>();
  private final Map<String, int[]> byCategory = new TreeMap<>();
  private int edits;
  private int correct;
  private int recalled;
  private int goldEdits;

  JflegRun(M2Edits gold) {
    this.gold = gold;
  }

  /** Applies the first suggestion of each correction that does not overlap an earlier one. */
  void add(int index, JflegTokens sentence, List<Correction> corrections, long checkNanos) {
    nanos.add(checkNanos);
    var applied = new ArrayList<JflegTokens.Edit>();
    var made = new ArrayList<M2Edits.Edit>();
    int taken = -1;
    for (var correction : corrections) {
      var edit = sentence.edit(correction.start(), correction.end(), correction.suggestion());
      boolean noChange = edit.start() == edit.end() && edit.replacement().isEmpty();
      if (noChange
          || edit.start() < taken
          || (edit.start() == taken && edit.start() == edit.end())) {
        continue;
      }
      taken = Math.max(edit.end(), edit.start() + 1);
      applied.add(edit);
      var m2Edit = new M2Edits.Edit(edit.start(), edit.end(), edit.replacementText());
      made.add(m2Edit);
      boolean right = gold.anyAnnotatorHas(index, m2Edit);
      var counts = byCategory.computeIfAbsent(correction.category().wireName(), c -> new int[2]);
      counts[0] += right ? 1 : 0;
      counts[1]++;
      edits++;
      correct += right ? 1 : 0;
    }
    corrected.add(apply(sentence.tokens(), applied));
    countRecall(index, made);
  }

  /** Recall against the annotator whose edits this sentence's edits match best (ties: fewest). */
  private void countRecall(int index, List<M2Edits.Edit> made) {
    int bestHits = -1;
    int bestSize = 0;
    for (var annotator : gold.annotators(index).values()) {
      int hits = (int) made.stream().filter(annotator::contains).count();
      if (hits > bestHits || (hits == bestHits && annotator.size() < bestSize)) {
        bestHits = hits;
        bestSize = annotator.size();
      }
    }
    recalled += Math.max(bestHits, 0);
    goldEdits += bestSize;
  }

  private static List<String> apply(List<String> tokens, List<JflegTokens.Edit> edits) {
    var out = new ArrayList<String>();
    int next = 0;
    for (var edit :
        edits.stream().sorted(Comparator.comparingInt(JflegTokens.Edit::start)).toList()) {
      out.addAll(tokens.subList(next, edit.start()));
      out.addAll(edit.replacement());
      next = edit.end();
    }
    out.addAll(tokens.subList(next, tokens.size()));
    return out;
  }

  List<List<String>> corrected() {
    return corrected;
  }

  int edits() {
    return edits;
  }

  double precision() {
    return edits == 0 ? 0 : (double) correct / edits;
  }

  double recall() {
    return goldEdits == 0 ? 0 : (double) recalled / goldEdits;
  }

  double sentencesPerSecond() {
    double seconds = nanos.stream().mapToLong(Long::longValue).sum() / 1e9;
    return nanos.size() / seconds;
  }

  double medianMillis() {
    var sorted = nanos.stream().sorted().toList();
    int mid = sorted.size() / 2;
    double median =
        sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2.0;
    return median / 1e6;
  }

  String byCategory() {
    var parts = new ArrayList<String>();
    byCategory.forEach(
        (category, counts) -> parts.add(category + " " + counts[0] + "/" + counts[1]));
    return String.join(", ", parts);
  }
}
