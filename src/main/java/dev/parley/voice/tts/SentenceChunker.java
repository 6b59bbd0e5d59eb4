package dev.parley.voice.tts;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Cuts a streamed LLM reply into sentences for speech synthesis, emitting each one as soon as it is
 * certainly complete. One chunker per reply: feed token deltas to {@link #accept}, then call {@link
 * #flush} when the reply ends. Not thread-safe.
 *
 * <p>Every decision depends only on the text, never on where the deltas were split, so streaming a
 * reply token by token yields exactly the sentences the whole text yields. Where a decision needs
 * text that has not arrived yet, the chunker waits for it:
 *
 * <ul>
 *   <li>A sentence ends after {@code . ! ? …} (and any closing quotes or brackets) followed by
 *       whitespace and a character that is not lowercase, or by the end of the reply. So a period
 *       at the end of a delta is held until the next delta shows its first non-space character —
 *       one character of lookahead. {@code ¿ ¡} open sentences and never end them.
 *   <li>A period does not end a sentence inside a token ({@code 3.5}, {@code $29.99}, {@code
 *       1.000}, {@code z.B.}), after a known abbreviation ({@code Mr. Dr. Sra. M. e.g. i.e. U.S.
 *       z.B. p. ej.}; see {@link #NEVER_ENDING}), after a single letter (initials), or after a
 *       number at the start of a line or after a colon (a list marker {@code 1. First}). Words such
 *       as {@code etc.} and {@code usw.} end a sentence when a capital follows. When in doubt the
 *       chunker does not cut: two sentences spoken together sound better than one cut in half.
 *   <li>An ellipsis followed by a lowercase word continues the sentence ({@code Well... I think} is
 *       merged anyway, being short).
 *   <li>CJK {@code 。！？} end a sentence without any following space, except inside a quote that the
 *       sentence goes on after ({@code 「本当？」と彼は言った。}).
 *   <li>A blank line, or a line break before a list item, always ends a chunk; other runs of
 *       whitespace are collapsed into one space.
 *   <li>A sentence shorter than {@link Limits#minChars} characters or {@link Limits#minWords} words
 *       ({@code Oh.}, {@code Yes.}) is merged with the next one, unless the reply ends there, so
 *       the synthesizer is not called for a single word. CJK text counts characters instead: fewer
 *       than {@link #MIN_CJK_CHARS} is short.
 *   <li>First-audio latency: the reply's first chunk may also end at a clause boundary ({@code , ;
 *       :} followed by a space, or {@code ，、；：}) once it is at least {@link
 *       Limits#firstClauseChars} characters long, so speech starts before a long first sentence is
 *       complete. Later chunks are whole sentences.
 *   <li>A sentence that reaches {@link Limits#maxChars} without ending is cut at its last clause
 *       boundary, else its last space, else hard at the limit.
 * </ul>
 */
public final class SentenceChunker {

  /**
   * Size rules, in characters.
   *
   * @param minChars sentences shorter than this merge with the next
   * @param minWords sentences with fewer words merge with the next
   * @param firstClauseChars the first chunk may end at a clause boundary from this length on
   * @param maxChars longest chunk
   */
  public record Limits(int minChars, int minWords, int firstClauseChars, int maxChars) {

    public static final Limits DEFAULT = new Limits(12, 2, 25, 200);

    public Limits {
      if (minChars < 0 || minWords < 0 || firstClauseChars < 1 || maxChars <= firstClauseChars) {
        throw new IllegalArgumentException("Inconsistent chunk limits: " + this);
      }
    }
  }

  static final int MIN_CJK_CHARS = 4;

  /** Abbreviations (lowercase, without their final period) after which a sentence goes on. */
  static final Set<String> NEVER_ENDING =
      Stream.of(
              "mr mrs ms dr prof st jr sr vs e.g i.e u.s u.k approx cf fig capt gen lt sgt",
              "sra srta sres dra ud uds ej pág núm av avda", // Spanish
              "mme mlle mm env", // French
              "z.b d.h u.a bzw ca vgl nr hr fr str") // German
          .flatMap(words -> Arrays.stream(words.split(" ")))
          .collect(Collectors.toUnmodifiableSet());

  private static final int NEED_MORE = -1;

  private final Consumer<String> sink;
  private final Limits limits;
  private final StringBuilder pending = new StringBuilder();
  private boolean first = true;

  public SentenceChunker(Consumer<String> sink) {
    this(sink, Limits.DEFAULT);
  }

  public SentenceChunker(Consumer<String> sink, Limits limits) {
    this.sink = Objects.requireNonNull(sink, "sink");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** Takes the next piece of the reply; emits every sentence it completes. */
  public void accept(String delta) {
    pending.append(Objects.requireNonNull(delta, "delta"));
    drain(false);
  }

  /** The reply has ended: emits what is left. The chunker is then ready for a new reply. */
  public void flush() {
    drain(true);
    first = true;
  }

  private void drain(boolean atEnd) {
    while (true) {
      int lead = 0;
      while (lead < pending.length() && Character.isWhitespace(pending.charAt(lead))) {
        lead++;
      }
      pending.delete(0, lead);
      if (pending.isEmpty()) {
        return;
      }
      int cut = nextCut(atEnd);
      if (cut == NEED_MORE) {
        return;
      }
      var chunk = normalize(pending.substring(0, cut));
      pending.delete(0, cut);
      if (!chunk.isEmpty()) {
        first = false;
        sink.accept(chunk);
      }
    }
  }

  /** Where the next chunk ends in {@code pending}, or {@link #NEED_MORE}. */
  private int nextCut(boolean atEnd) {
    int length = pending.length();
    int lastClause = -1;
    int lastSpace = -1;
    for (int i = 0; i < length; i++) {
      if (i >= limits.maxChars()) {
        return overlongCut(lastClause, lastSpace);
      }
      char c = pending.charAt(i);
      if (isTerminator(c)) {
        var end = sentenceEnd(i, atEnd);
        if (end.needMore()) {
          return NEED_MORE;
        }
        if (end.ends() && !isShort(pending.substring(0, end.index()))) {
          return end.index();
        }
        i = end.index() - 1;
      } else if (c == '\n') {
        int hard = lineBreak(i, atEnd);
        if (hard == NEED_MORE || hard > 0) {
          return hard;
        }
        lastSpace = i;
      } else if (isClausePunctuation(c)) {
        boolean cjk = c > 0x3000;
        if (!cjk && i + 1 == length) {
          return atEnd ? length : NEED_MORE;
        }
        if (cjk || Character.isWhitespace(pending.charAt(i + 1))) {
          lastClause = i + 1;
          if (first && lastClause >= limits.firstClauseChars()) {
            return lastClause;
          }
        }
      } else if (Character.isWhitespace(c)) {
        lastSpace = i;
      }
    }
    return atEnd ? length : NEED_MORE;
  }

  private int overlongCut(int lastClause, int lastSpace) {
    if (lastClause > limits.minChars()) {
      return lastClause;
    }
    if (lastSpace > 0) {
      return lastSpace;
    }
    int cut = limits.maxChars();
    return Character.isHighSurrogate(pending.charAt(cut - 1)) ? cut - 1 : cut;
  }

  private record End(int index, boolean ends, boolean needMore) {
    static final End MORE = new End(0, false, true);
  }

  /** Decides whether the terminator run starting at {@code start} ends a sentence. */
  private End sentenceEnd(int start, boolean atEnd) {
    int length = pending.length();
    int j = start;
    while (j < length && isTerminator(pending.charAt(j))) {
      j++;
    }
    var run = pending.substring(start, j);
    int runEnd = j;
    while (j < length && isCloser(pending.charAt(j))) {
      j++;
    }
    if (j == length) {
      return atEnd ? new End(j, true, false) : End.MORE;
    }
    if (isCjkTerminator(run.charAt(run.length() - 1))) {
      // 「本当？」と彼は言った。 — a quoted question inside a sentence.
      char next = pending.charAt(j);
      boolean ends = j == runEnd || Character.isWhitespace(next) || isOpener(next);
      return new End(j, ends, false);
    }
    if (!Character.isWhitespace(pending.charAt(j))) {
      return new End(j, false, false);
    }
    int k = j;
    int newlines = 0;
    while (k < length && Character.isWhitespace(pending.charAt(k))) {
      newlines += pending.charAt(k) == '\n' ? 1 : 0;
      k++;
    }
    if (newlines >= 2) {
      return new End(j, true, false);
    }
    if (k == length) {
      return atEnd ? new End(j, true, false) : End.MORE;
    }
    if (Character.isLowerCase(pending.codePointAt(k))) {
      return new End(j, false, false);
    }
    boolean plainPeriod = run.equals(".");
    return new End(j, !plainPeriod || periodEnds(start), false);
  }

  /** A single period followed by a space and a non-lowercase character. */
  private boolean periodEnds(int period) {
    int wordStart = period;
    while (wordStart > 0 && !Character.isWhitespace(pending.charAt(wordStart - 1))) {
      wordStart--;
    }
    while (wordStart < period && isOpener(pending.charAt(wordStart))) {
      wordStart++;
    }
    var word = pending.substring(wordStart, period);
    if (word.isEmpty()) {
      return true;
    }
    if (NEVER_ENDING.contains(word.toLowerCase(Locale.ROOT))) {
      return false;
    }
    if (word.codePointCount(0, word.length()) == 1 && Character.isLetter(word.codePointAt(0))) {
      return false;
    }
    return !(word.chars().allMatch(Character::isDigit) && startsLineOrList(wordStart));
  }

  private boolean startsLineOrList(int wordStart) {
    int k = wordStart - 1;
    while (k >= 0 && pending.charAt(k) != '\n' && Character.isWhitespace(pending.charAt(k))) {
      k--;
    }
    return k < 0 || pending.charAt(k) == '\n' || pending.charAt(k) == ':';
  }

  /**
   * A line break at {@code i}: the chunk ends there (returns {@code i}) at a blank line or before a
   * list item; returns 0 for a break that is only whitespace.
   */
  private int lineBreak(int i, boolean atEnd) {
    int length = pending.length();
    int k = i + 1;
    while (k < length && Character.isWhitespace(pending.charAt(k))) {
      if (pending.charAt(k) == '\n') {
        return i;
      }
      k++;
    }
    if (k == length) {
      return atEnd ? i : NEED_MORE;
    }
    char c = pending.charAt(k);
    if (c == '-' || c == '*' || c == '•') {
      return i;
    }
    int digits = k;
    while (digits < length && Character.isDigit(pending.charAt(digits))) {
      digits++;
    }
    if (digits == k) {
      return 0;
    }
    if (digits == length) {
      return atEnd ? i : NEED_MORE;
    }
    return pending.charAt(digits) == '.' || pending.charAt(digits) == ')' ? i : 0;
  }

  private boolean isShort(String text) {
    var normalized = normalize(text);
    long cjk = normalized.codePoints().filter(SentenceChunker::isCjk).count();
    if (cjk > 0) {
      return normalized.codePointCount(0, normalized.length()) < MIN_CJK_CHARS;
    }
    long words =
        Arrays.stream(normalized.split(" "))
            .filter(word -> word.codePoints().anyMatch(Character::isLetterOrDigit))
            .count();
    return normalized.length() < limits.minChars() || words < limits.minWords();
  }

  private static String normalize(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }

  private static boolean isTerminator(char c) {
    return c == '.' || c == '!' || c == '?' || c == '…' || isCjkTerminator(c);
  }

  private static boolean isCjkTerminator(char c) {
    return c == '。' || c == '！' || c == '？';
  }

  private static boolean isClausePunctuation(char c) {
    return c == ',' || c == ';' || c == ':' || c == '，' || c == '、' || c == '；' || c == '：';
  }

  private static boolean isCloser(char c) {
    return "\"'”’»)]}」』）".indexOf(c) >= 0;
  }

  private static boolean isOpener(char c) {
    return "\"'“‘«([{¿¡「『（".indexOf(c) >= 0;
  }

  private static boolean isCjk(int codePoint) {
    var script = Character.UnicodeScript.of(codePoint);
    return script == Character.UnicodeScript.HAN
        || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA;
  }
}
