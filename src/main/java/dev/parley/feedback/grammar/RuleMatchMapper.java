package dev.parley.feedback.grammar;

import dev.parley.feedback.grammar.Correction.Source;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.languagetool.rules.ITSIssueType;
import org.languagetool.rules.RuleMatch;

/**
 * Turns LanguageTool matches into corrections a learner can use, and drops the ones that make no
 * sense for a spoken or chatted utterance: whitespace and typography (quotes, dashes, ellipses),
 * and matches without a suggestion (a correction with an empty suggestion means "delete these
 * words", so keeping them would tell the learner something false).
 */
final class RuleMatchMapper {

  /** Rule ids first: they say more than categories, and agreement rules hide in many categories. */
  private record RulePattern(Pattern ruleId, MistakeCategory category) {}

  private static final List<RulePattern> RULE_PATTERNS =
      List.of(
          // Determiner-noun and noun-adjective agreement (es AGREEMENT_DET_NOUN,
          // CONCORDANCIAS_*, fr ACCORD_*/ETRE_VPPA_OU_ADJ, de DE_AGREEMENT): gender and number.
          rule(
              "SUBJECT_VERB|NOUN_VERB|VERB_AGR|SUJET_VERBE|_SVA|NON3PRS|SUBJ_VERB|HE_NEED"
                  + "|AGREEMENT_SENT_START|THERE_S_MANY",
              MistakeCategory.SUBJECT_VERB_AGREEMENT),
          // English number agreement: "a products", "many subject", "this books" (A_NNS, MANY_NN).
          rule(
              "AGREEMENT_DET|DET_NOUN|DET_ADJ|CONCORDANCIA|ACCORD|VPPA_OU_ADJ|^DE_AGREEMENT"
                  + "|ADJ_NOUN|GENDER|GENERO|GENRE|NOMBRE_|PLURAL|SINGULAR|(^|_)NNS?($|_)|_MANY$",
              MistakeCategory.GENDER_NUMBER_AGREEMENT),
          rule(
              "A_VS_AN|ARTICLE|ARTICULO|ARTIKEL|^DT_|_DT_|THE_|_A_NNS|_AN_",
              MistakeCategory.ARTICLE),
          rule(
              "TENSE|TIEMPO|TEMPS|PAST_|_PAST|YESTERDAY|FUTUR|PRETERIT|IMPERFECT",
              MistakeCategory.VERB_TENSE),
          rule(
              "PART_AGREEMENT|PARTICIPLE|PARTICIP|INFINITIV|VINF|GERUND|_VB|VBZ|VBD|VBN|VBG"
                  + "|MD_BASEFORM|TO_NON_BASE|DID_BASEFORM|VERB_FORM|MODAL|IMPERATIV|SUBJONCTIF"
                  + "|SUBJUNTIVO|KONJUNKTIV|CONJUGA|CHOOSED|MD_ABLE|MISSING_TO_BEFORE|PRP_JJ",
              MistakeCategory.VERB_FORM),
          rule("PREP|PRÄP|PRAEP", MistakeCategory.PREPOSITION),
          rule("PRONOUN|PRONOMBRE|PRONOM|PRON_|LEISMO|LOISMO|LAISMO", MistakeCategory.PRONOUN),
          rule("ORDER|ORDEN|ORDRE|WORTSTELLUNG|STELLUNG", MistakeCategory.WORD_ORDER),
          rule(
              "LOWERCASE|UPPERCASE|CASING|CAPITAL|MAYUSCULA|MINUSCULA|MAJUSCULE|GROSS|KLEIN",
              MistakeCategory.CAPITALIZATION),
          rule("CONFUSION|CONFUSED|COLLOCATION|_VS_", MistakeCategory.WORD_CHOICE));

  /** LanguageTool category ids; the per-language ones (CAT_*) are French. */
  private static final Map<String, MistakeCategory> CATEGORY_IDS =
      Map.ofEntries(
          Map.entry("TYPOS", MistakeCategory.SPELLING),
          Map.entry("CASING", MistakeCategory.CAPITALIZATION),
          Map.entry("PUNCTUATION", MistakeCategory.PUNCTUATION),
          Map.entry("STYLE", MistakeCategory.STYLE),
          Map.entry("REDUNDANCY", MistakeCategory.STYLE),
          Map.entry("PLAIN_ENGLISH", MistakeCategory.STYLE),
          Map.entry("REPETITIONS_STYLE", MistakeCategory.STYLE),
          Map.entry("COLLOCATIONS", MistakeCategory.WORD_CHOICE),
          Map.entry("CONFUSED_WORDS", MistakeCategory.WORD_CHOICE),
          Map.entry("SEMANTICS", MistakeCategory.WORD_CHOICE),
          Map.entry("FALSE_FRIENDS", MistakeCategory.WORD_CHOICE),
          Map.entry("CAT_HOMONYMES_PARONYMES", MistakeCategory.WORD_CHOICE),
          Map.entry("AGREEMENT_VERBS", MistakeCategory.SUBJECT_VERB_AGREEMENT),
          Map.entry("AGREEMENT_NOUNS", MistakeCategory.GENDER_NUMBER_AGREEMENT),
          Map.entry("CAT_ACCORD", MistakeCategory.GENDER_NUMBER_AGREEMENT),
          Map.entry("CAT_TYPO", MistakeCategory.SPELLING),
          Map.entry("EMPFOHLENE_RECHTSCHREIBUNG", MistakeCategory.SPELLING),
          Map.entry("GROSS_KLEIN", MistakeCategory.CAPITALIZATION));

  /** Categories of rules about how text is typeset, which a spoken or chatted line never is. */
  private static final Set<String> DROPPED_CATEGORIES =
      Set.of("TYPOGRAPHY", "CAT_TYPOGRAPHIE", "TYPOGRAPHIE", "WHITESPACE");

  private static final Pattern DROPPED_RULES =
      Pattern.compile(
          "WHITESPACE|QUOTE|GUILLEMET|APOSTROPH|DASH|ELLIPSIS|UNPAIRED_BRACKETS|EN_DIACRITICS"
              + "|WORD_REPEAT_BEGINNING|DOUBLE_PUNCTUATION|ESPACE|LEERZEICHEN|ESPACIO"
              + "|TYPOGRAPH|MULTIPLICATION_SIGN|ARROWS|SPACE");

  private static final Pattern SUGGESTION_MARKUP = Pattern.compile("</?suggestion>");

  Optional<Correction> toCorrection(String text, RuleMatch match) {
    var rule = match.getRule();
    var ruleId = match.getSpecificRuleId() == null ? rule.getId() : match.getSpecificRuleId();
    var categoryId = rule.getCategory().getId().toString();
    var suggestions = match.getSuggestedReplacements();
    if (dropped(ruleId, categoryId, rule.getLocQualityIssueType())
        || suggestions.isEmpty()
        || match.getToPos() > text.length()
        || match.getFromPos() >= match.getToPos()) {
      return Optional.empty();
    }
    var original = text.substring(match.getFromPos(), match.getToPos());
    var suggestion = suggestions.getFirst();
    if (suggestion.equals(original)) {
      return Optional.empty();
    }
    var category =
        category(
            ruleId,
            categoryId,
            rule.getLocQualityIssueType(),
            rule.isDictionaryBasedSpellingRule());
    return Optional.of(
        new Correction(
            match.getFromPos(),
            match.getToPos(),
            original,
            suggestion,
            category,
            ruleId,
            readable(match.getMessage()),
            Source.RULES));
  }

  static MistakeCategory category(
      String ruleId, String categoryId, ITSIssueType issueType, boolean speller) {
    if (speller) {
      return MistakeCategory.SPELLING;
    }
    for (var pattern : RULE_PATTERNS) {
      if (pattern.ruleId().matcher(ruleId).find()) {
        return pattern.category();
      }
    }
    var byCategory = CATEGORY_IDS.get(categoryId);
    if (byCategory != null) {
      return byCategory;
    }
    return switch (issueType) {
      case Misspelling -> MistakeCategory.SPELLING;
      case Typographical -> MistakeCategory.PUNCTUATION;
      case Style, Register, Duplication -> MistakeCategory.STYLE;
      default -> MistakeCategory.OTHER;
    };
  }

  /** LanguageTool marks suggestions in its messages; the learner sees them quoted. */
  static String readable(String message) {
    return SUGGESTION_MARKUP.matcher(message).replaceAll("\"").strip();
  }

  private static boolean dropped(String ruleId, String categoryId, ITSIssueType issueType) {
    return issueType == ITSIssueType.Whitespace
        || DROPPED_CATEGORIES.contains(categoryId)
        || DROPPED_RULES.matcher(ruleId).find();
  }

  private static RulePattern rule(String regex, MistakeCategory category) {
    return new RulePattern(Pattern.compile(regex), category);
  }
}
