package dev.parley.moderation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What a {@link Moderator} found in one text: no flags means nothing to act on. */
public record Verdict(List<Flag> flags) {

  public static final Verdict CLEAN = new Verdict(List.of());

  public Verdict {
    flags = List.copyOf(flags);
  }

  public boolean flagged() {
    return !flags.isEmpty();
  }

  public Set<ModerationCategory> categories() {
    var categories = new LinkedHashSet<ModerationCategory>();
    flags.forEach(flag -> categories.add(flag.category()));
    return categories;
  }

  /**
   * One finding.
   *
   * @param reason why, without quoting the text (it is logged)
   * @param spans the characters matched, empty when the moderator cannot say where (a provider that
   *     judges the whole text)
   */
  public record Flag(ModerationCategory category, String reason, List<Span> spans) {

    public Flag {
      spans = List.copyOf(spans);
    }
  }

  /** Characters {@code start} (inclusive) to {@code end} (exclusive) of the checked text. */
  public record Span(int start, int end) {

    public Span {
      if (start < 0 || end < start) {
        throw new IllegalArgumentException("Bad span " + start + ".." + end);
      }
    }
  }
}
