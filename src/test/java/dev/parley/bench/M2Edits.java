package dev.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gold edits from an M2 file: per sentence ({@code S} line), per annotator, the set of {@code A
 * start end|||type|||replacement|||...|||annotator} edits in token offsets. {@code noop} edits (the
 * annotator changed nothing) are left out.
 */
final class M2Edits {

  /** A token span and its replacement tokens joined by spaces. */
  record Edit(int start, int end, String replacement) {}

  private final List<Map<Integer, Set<Edit>>> sentences;

  private M2Edits(List<Map<Integer, Set<Edit>>> sentences) {
    this.sentences = sentences;
  }

  static M2Edits read(Path file) throws IOException {
    var sentences = new ArrayList<Map<Integer, Set<Edit>>>();
    Map<Integer, Set<Edit>> current = null;
    for (var line : Files.readAllLines(file)) {
      if (line.startsWith("S ")) {
        current = new HashMap<>();
        sentences.add(current);
      } else if (line.startsWith("A ") && current != null) {
        var fields = line.substring(2).split("\\|\\|\\|", -1);
        var span = fields[0].split(" ");
        int start = Integer.parseInt(span[0]);
        int end = Integer.parseInt(span[1]);
        int annotator = Integer.parseInt(fields[fields.length - 1].strip());
        var edits = current.computeIfAbsent(annotator, a -> new HashSet<>());
        if (start >= 0 && !fields[1].equalsIgnoreCase("noop")) {
          edits.add(new Edit(start, end, fields[2].strip().replaceAll("\\s+", " ")));
        }
      }
    }
    return new M2Edits(sentences);
  }

  int size() {
    return sentences.size();
  }

  /** Every annotator's edits for sentence {@code i}. */
  Map<Integer, Set<Edit>> annotators(int i) {
    return sentences.get(i);
  }

  /** Whether some annotator made exactly this edit in sentence {@code i}. */
  boolean anyAnnotatorHas(int i, Edit edit) {
    return sentences.get(i).values().stream().anyMatch(edits -> edits.contains(edit));
  }
}
