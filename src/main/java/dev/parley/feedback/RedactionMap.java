package dev.parley.feedback;

import dev.parley.conversation.TurnRedacted;
import dev.parley.feedback.grammar.Correction;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How a text and its redaction line up. A redaction replaces spans of the text by {@link
 * TurnRedacted#MARKER}, so the redacted text is the text's own pieces with markers between; each
 * piece is found back in the text, left to right. A piece that could sit at more than one place is
 * not trusted: a correction is carried over only from a piece whose place is certain, and one that
 * touches a redacted span never is.
 */
final class RedactionMap {

  private static final String MARKER = TurnRedacted.MARKER;

  /** A piece of the redacted text at {@code to}, found at {@code from} in the text. */
  private record Piece(int from, int to, int length, boolean certain) {}

  private final List<Piece> pieces;
  private final List<String> removed;

  private RedactionMap(List<Piece> pieces, List<String> removed) {
    this.pieces = pieces;
    this.removed = removed;
  }

  static RedactionMap of(String text, String redacted) {
    if (text.equals(redacted)) {
      return new RedactionMap(List.of(new Piece(0, 0, text.length(), true)), List.of());
    }
    var parts = redacted.split(Pattern.quote(MARKER), -1);
    var last = parts[parts.length - 1];
    int lastFrom = text.length() - last.length();
    if (parts.length < 2
        || !text.startsWith(parts[0])
        || !text.endsWith(last)
        || lastFrom <= parts[0].length()) {
      return new RedactionMap(List.of(), List.of(text)); // rewritten, not redacted
    }
    var pieces = new ArrayList<Piece>();
    pieces.add(new Piece(0, 0, parts[0].length(), true));
    int from = parts[0].length();
    int to = parts[0].length() + MARKER.length();
    for (int i = 1; i < parts.length - 1; i++) {
      var part = parts[i];
      // A redacted span is never empty: the piece starts at least one character further on.
      int found = text.indexOf(part, from + 1);
      if (found < 0 || found + part.length() >= lastFrom) {
        return new RedactionMap(List.of(pieces.getFirst()), List.of(text.substring(from).strip()));
      }
      // Unique from here on: wherever the earlier pieces really are, this one can only be here.
      int again = text.indexOf(part, found + 1);
      boolean certain = again < 0 || again + part.length() >= lastFrom;
      pieces.add(new Piece(found, to, part.length(), certain));
      from = found + part.length();
      to += part.length() + MARKER.length();
    }
    pieces.add(new Piece(lastFrom, redacted.length() - last.length(), last.length(), true));
    return new RedactionMap(pieces, removed(text, pieces));
  }

  /**
   * The corrections of the text, moved to where their words are in the redacted text. Left out:
   * those touching a redacted span or a piece of uncertain place, and those whose suggestion or
   * explanation repeats redacted words.
   */
  List<Correction> carry(List<Correction> corrections) {
    var carried = new ArrayList<Correction>();
    for (var correction : corrections) {
      for (var piece : pieces) {
        if (piece.certain()
            && piece.length() > 0
            && correction.start() >= piece.from()
            && correction.end() <= piece.from() + piece.length()
            && removed.stream().noneMatch(words -> repeats(correction, words))) {
          int shift = piece.to() - piece.from();
          carried.add(correction.at(correction.start() + shift));
          break;
        }
      }
    }
    return carried;
  }

  /** The corrections of a redacted text that do not touch any of its markers. */
  static List<Correction> outsideMarkers(List<Correction> corrections, String redacted) {
    var markers = new ArrayList<int[]>();
    for (int at = redacted.indexOf(MARKER); at >= 0; at = redacted.indexOf(MARKER, at + 1)) {
      markers.add(new int[] {at, at + MARKER.length()});
    }
    return corrections.stream()
        .filter(c -> markers.stream().noneMatch(m -> c.start() < m[1] && m[0] < c.end()))
        .toList();
  }

  /** The texts of the redacted spans, as far as the pieces place them. */
  private static List<String> removed(String text, List<Piece> pieces) {
    var removed = new ArrayList<String>();
    for (int i = 1; i < pieces.size(); i++) {
      var before = pieces.get(i - 1);
      var span = text.substring(before.from() + before.length(), pieces.get(i).from()).strip();
      if (!span.isEmpty()) {
        removed.add(span);
      }
    }
    return removed;
  }

  private static boolean repeats(Correction correction, String removed) {
    return contains(correction.suggestion(), removed)
        || contains(correction.explanation(), removed);
  }

  private static boolean contains(String said, String removed) {
    return said != null && said.contains(removed);
  }

}
