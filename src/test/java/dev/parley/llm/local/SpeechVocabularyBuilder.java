package dev.parley.llm.local;

import dev.parley.llm.local.TinyGguf.Vocabulary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The synthetic vocabulary of {@link SizedGguf}: {@link TinyGguf}'s control, byte and character
 * pieces; for each of LanguageTool's 10,000 common English words its capitalised form (a "speech"
 * piece) and its lower-case form after a space, each with every prefix so SentencePiece's merges
 * can reach it; one speech piece in eight ending with {@code .} or {@code ?}; all two- and
 * three-letter strings; then filler pieces up to the requested size.
 */
final class SpeechVocabularyBuilder {

  private static final String WORDS = "/org/languagetool/resource/en/common_words.txt";
  private static final String SPACE = "\u2581";
  // Every 7th word also gets a sentence-ending form: 1 in 8 speech pieces ends a sentence.
  private static final int ENDER_EVERY = 7;

  private final int size;
  private final Set<String> pieces = new LinkedHashSet<>();
  private final Set<String> speech = new HashSet<>();

  SpeechVocabularyBuilder(int size) {
    this.size = size;
  }

  boolean speech(String piece) {
    return speech.contains(piece);
  }

  Vocabulary build() {
    var base = TinyGguf.vocabulary();
    pieces.addAll(base.pieces());
    int words = 0;
    for (var word : commonWords()) {
      var capital = SPACE + Character.toUpperCase(word.charAt(0)) + word.substring(1);
      addWithPrefixes(capital);
      speech.add(capital);
      if (++words % ENDER_EVERY == 0) {
        var ender = capital + (words % 2 == 0 ? "." : "?");
        pieces.add(ender);
        speech.add(ender);
      }
      addWithPrefixes(SPACE + word);
    }
    for (char a = 'a'; a <= 'z'; a++) {
      for (char b = 'a'; b <= 'z'; b++) {
        addWithSpace("" + a + b);
        for (char c = 'a'; c <= 'z'; c++) {
          addWithSpace("" + a + b + c);
        }
      }
    }
    for (int filler = 0; pieces.size() < size; filler++) {
      pieces.add(SPACE + "zq" + Integer.toString(filler, 36));
    }
    var list = new ArrayList<>(pieces).subList(0, size);
    var types = new ArrayList<Integer>(base.types());
    while (types.size() < size) {
      types.add(TinyGguf.TYPE_NORMAL);
    }
    return new Vocabulary(List.copyOf(list), List.copyOf(types));
  }

  private void addWithPrefixes(String piece) {
    for (int end = 2; end <= piece.length(); end++) {
      pieces.add(piece.substring(0, end));
    }
  }

  private void addWithSpace(String piece) {
    pieces.add(piece);
    pieces.add(SPACE + piece);
  }

  /** Lower-case words of two or more letters a–z, in the list's order. */
  private static Set<String> commonWords() {
    try (InputStream in = SpeechVocabularyBuilder.class.getResourceAsStream(WORDS)) {
      if (in == null) {
        throw new IllegalStateException(WORDS + " is not on the classpath (LanguageTool English)");
      }
      var words = new LinkedHashSet<String>();
      for (var line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        var word = line.strip().toLowerCase(Locale.ROOT);
        if (word.matches("[a-z]{2,}")) {
          words.add(word);
        }
      }
      return words;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
