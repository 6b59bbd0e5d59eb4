package dev.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * JFLEG's text is Penn-Treebank tokenized ("it 's", "do n't", "school ."). LanguageTool reads it
 * badly that way (it sees "n't" as a word and every " ." as a whitespace mistake), and learners do
 * not type it, so the benchmark checks the detokenized sentence and maps each correction back to a
 * token span, re-tokenizing the replacement with the same conventions.
 */
final class JflegTokens {

  /** Tokens written without a space before them. */
  private static final Set<String> ATTACH_LEFT =
      Set.of(
          ".", ",", "?", "!", ";", ":", "...", ")", "]", "%", "''", "n't", "'s", "'re", "'ve",
          "'ll", "'d", "'m", "'S", "N'T");

  /** Tokens written without a space after them. */
  private static final Set<String> ATTACH_RIGHT = Set.of("(", "[", "$", "``");

  private static final Pattern CLITIC = Pattern.compile("(?i)^(.+?)(n't|'s|'re|'ve|'ll|'d|'m)$");
  private static final Pattern LEADING = Pattern.compile("^([(\\[\"$]|``)(.+)$");
  private static final Pattern TRAILING = Pattern.compile("^(.+?)(\\.\\.\\.|[.,?!;:)\\]%\"])$");

  private final List<String> tokens;
  private final String text;
  private final int[] starts;
  private final int[] ends;

  JflegTokens(String tokenized) {
    tokens = List.of(tokenized.strip().split("\\s+"));
    starts = new int[tokens.size()];
    ends = new int[tokens.size()];
    var out = new StringBuilder();
    for (int i = 0; i < tokens.size(); i++) {
      var token = tokens.get(i);
      boolean glued =
          i == 0 || ATTACH_LEFT.contains(token) || ATTACH_RIGHT.contains(tokens.get(i - 1));
      if (!glued) {
        out.append(' ');
      }
      starts[i] = out.length();
      out.append(token);
      ends[i] = out.length();
    }
    text = out.toString();
  }

  List<String> tokens() {
    return tokens;
  }

  /** The sentence as a person would have typed it. */
  String text() {
    return text;
  }

  /**
   * The token edit for replacing {@code text().substring(start, end)} by {@code suggestion}: the
   * tokens it touches, and the replacement tokens (partly covered tokens keep their other part).
   */
  Edit edit(int start, int end, String suggestion) {
    int first = 0;
    while (first < tokens.size() - 1 && ends[first] <= start) {
      first++;
    }
    int last = tokens.size() - 1;
    while (last > first && starts[last] >= end) {
      last--;
    }
    var prefix = start > starts[first] ? text.substring(starts[first], start) : "";
    var suffix = end < ends[last] ? text.substring(end, ends[last]) : "";
    return new Edit(first, last + 1, tokenize(prefix + suggestion + suffix)).minimal(tokens);
  }

  /** Splits typed text into JFLEG-style tokens. */
  static List<String> tokenize(String typed) {
    var result = new ArrayList<String>();
    for (var word : typed.strip().split("\\s+")) {
      if (!word.isEmpty()) {
        split(word, result);
      }
    }
    return result;
  }

  private static void split(String word, List<String> into) {
    var leading = LEADING.matcher(word);
    if (leading.matches()) {
      into.add(leading.group(1));
      split(leading.group(2), into);
      return;
    }
    var trailing = TRAILING.matcher(word);
    if (trailing.matches()) {
      split(trailing.group(1), into);
      into.add(trailing.group(2));
      return;
    }
    var clitic = CLITIC.matcher(word);
    if (clitic.matches()) {
      into.add(clitic.group(1));
      into.add(clitic.group(2));
      return;
    }
    into.add(word);
  }

  /** Tokens {@code [start, end)} replaced by {@code replacement}. */
  record Edit(int start, int end, List<String> replacement) {

    /** Without the tokens the replacement leaves unchanged at either end. */
    Edit minimal(List<String> source) {
      int s = start;
      int e = end;
      var r = new ArrayList<>(replacement);
      while (s < e && !r.isEmpty() && source.get(s).equals(r.getFirst())) {
        s++;
        r.removeFirst();
      }
      while (s < e && !r.isEmpty() && source.get(e - 1).equals(r.getLast())) {
        e--;
        r.removeLast();
      }
      return new Edit(s, e, List.copyOf(r));
    }

    String replacementText() {
      return String.join(" ", replacement);
    }
  }
}
