package dev.parley.feedback.grammar;

import java.util.Locale;

/** The taxonomy of mistakes a learner's profile counts. Stored by {@link #wireName()}. */
public enum MistakeCategory {
  VERB_TENSE,
  VERB_FORM,
  SUBJECT_VERB_AGREEMENT,
  GENDER_NUMBER_AGREEMENT,
  ARTICLE,
  PREPOSITION,
  PRONOUN,
  WORD_ORDER,
  WORD_CHOICE,
  SPELLING,
  CAPITALIZATION,
  PUNCTUATION,
  STYLE,
  OTHER;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static MistakeCategory fromWire(String value) {
    for (var category : values()) {
      if (category.wireName().equals(value)) {
        return category;
      }
    }
    throw new IllegalArgumentException("Unknown mistake category '" + value + "'");
  }
}
