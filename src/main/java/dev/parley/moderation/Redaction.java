package dev.parley.moderation;

import dev.parley.conversation.TurnRedacted;
import dev.parley.moderation.Verdict.Flag;
import dev.parley.moderation.Verdict.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Replaces flagged spans with a marker; a flag without spans takes the whole text. */
final class Redaction {

  static final String MARKER = TurnRedacted.MARKER;

  private Redaction() {}

  static String apply(String text, List<Flag> flags) {
    var spans = new ArrayList<Span>();
    for (var flag : flags) {
      if (flag.spans().isEmpty()) {
        return MARKER;
      }
      spans.addAll(flag.spans());
    }
    spans.sort(Comparator.comparingInt(Span::start));
    var redacted = new StringBuilder();
    int copied = 0;
    for (var span : spans) {
      int end = Math.min(span.end(), text.length());
      if (span.start() >= copied) {
        redacted.append(text, copied, span.start()).append(MARKER);
        copied = end;
      } else if (end > copied) {
        // Overlaps the previous span: the marker already covers its start.
        copied = end;
      }
    }
    return redacted.append(text.substring(copied)).toString();
  }
}
