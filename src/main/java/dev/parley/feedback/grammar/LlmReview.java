package dev.parley.feedback.grammar;

import dev.parley.character.CefrLevel;
import dev.parley.feedback.grammar.Correction.Source;
import dev.parley.llm.ChatMessage;
import dev.parley.llm.ResponseSchema;
import dev.parley.llm.StructuredOutput.InvalidOutputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The prompt, schema and validation of the LLM's review of rule findings. */
final class LlmReview {

  static final String RULE_ID = "llm";

  private static final String CATEGORIES =
      Arrays.stream(MistakeCategory.values())
          .map(c -> "\"" + c.wireName() + "\"")
          .collect(Collectors.joining(","));

  static final ResponseSchema SCHEMA =
      new ResponseSchema(
          "grammar_review",
          """
          {"type":"object",
           "properties":{
            "findings":{"type":"array","items":{"type":"object",
              "properties":{
               "id":{"type":"integer"},
               "keep":{"type":"boolean"},
               "explanation":{"type":"string"}},
              "required":["id","keep","explanation"],
              "additionalProperties":false}},
            "missed":{"type":"array","items":{"type":"object",
              "properties":{
               "original":{"type":"string"},
               "suggestion":{"type":"string"},
               "category":{"type":"string","enum":[%s]},
               "explanation":{"type":"string"}},
              "required":["original","suggestion","category","explanation"],
              "additionalProperties":false}}},
           "required":["findings","missed"],
           "additionalProperties":false}
          """
              .formatted(CATEGORIES));

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private LlmReview() {}

  static List<ChatMessage> messages(
      String text, String language, CefrLevel level, List<Correction> findings) {
    var system =
        """
        You review the grammar feedback for one utterance a language learner said or typed in a \
        conversation practice (language %s, CEFR level %s). A rule-based checker found the \
        numbered findings below. For each one, set keep to false if it is not a real mistake in \
        this utterance (spoken style, names, deliberate informality), true otherwise. Then list in \
        "missed" the clear mistakes the rules did not find: "original" must be the exact words as \
        they appear in the utterance, "suggestion" what to say instead, "category" from the list \
        in the schema. Do not report punctuation or capitalization of spoken text, or matters of \
        taste. Every explanation is one short sentence, in %s, with words and grammar a %s \
        learner understands. Reply with JSON only.\
        """
            .formatted(language, level, language, level);
    var user = new StringBuilder("Utterance: ").append(text).append("\nFindings:");
    if (findings.isEmpty()) {
      user.append(" none");
    }
    for (int i = 0; i < findings.size(); i++) {
      var f = findings.get(i);
      user.append("\n")
          .append(i)
          .append(". \"")
          .append(f.original())
          .append("\" -> \"")
          .append(f.suggestion())
          .append("\" (")
          .append(f.category().wireName())
          .append("): ")
          .append(f.explanation());
    }
    return List.of(ChatMessage.system(system), ChatMessage.user(user.toString()));
  }

  /**
   * The reviewed corrections, in text order.
   *
   * @throws InvalidOutputException when a finding is not reviewed exactly once, a missed span is
   *     not in the text or a category is unknown: the model sees the message and tries again
   */
  static List<Correction> parse(String json, String text, List<Correction> findings) {
    var root = JSON.readTree(json);
    var kept = new ArrayList<Correction>();
    var reviewed = new HashSet<Integer>();
    for (var node : root.path("findings")) {
      int id = node.path("id").asInt(-1);
      if (id < 0 || id >= findings.size() || !reviewed.add(id)) {
        throw new InvalidOutputException(
            "finding id " + node.path("id") + " is unknown or reviewed twice");
      }
      if (node.path("keep").asBoolean(true)) {
        var finding = findings.get(id);
        kept.add(withExplanation(finding, explanation(node, finding.explanation())));
      }
    }
    if (reviewed.size() != findings.size()) {
      throw new InvalidOutputException(
          "review each of the "
              + findings.size()
              + " findings exactly once (ids 0 to "
              + (findings.size() - 1)
              + ")");
    }
    var result = new ArrayList<>(kept);
    for (var node : root.path("missed")) {
      missed(node, text, result).ifPresent(result::add);
    }
    result.sort(Comparator.comparingInt(Correction::start));
    return List.copyOf(result);
  }

  private static Optional<Correction> missed(JsonNode node, String text, List<Correction> taken) {
    var original = node.path("original").asString("");
    var suggestion = node.path("suggestion").asString("").strip();
    if (original.isBlank()) {
      throw new InvalidOutputException("a missed mistake has an empty \"original\"");
    }
    int start = text.indexOf(original);
    if (start < 0) {
      throw new InvalidOutputException(
          "\"" + original + "\" is not in the utterance: quote its exact words");
    }
    MistakeCategory category;
    try {
      category = MistakeCategory.fromWire(node.path("category").asString(""));
    } catch (IllegalArgumentException e) {
      throw new InvalidOutputException(e.getMessage() + ": use one of " + CATEGORIES);
    }
    int end = start + original.length();
    // Two corrections of the same words would only confuse the learner.
    boolean overlaps = taken.stream().anyMatch(k -> k.start() < end && start < k.end());
    if (overlaps || suggestion.equals(original.strip())) {
      return Optional.empty();
    }
    return Optional.of(
        new Correction(
            start,
            end,
            original,
            suggestion,
            category,
            RULE_ID,
            explanation(node, ""),
            Source.LLM));
  }

  private static String explanation(JsonNode node, String fallback) {
    var text = node.path("explanation").asString("").strip();
    return text.isEmpty() ? fallback : text;
  }

  private static Correction withExplanation(Correction c, String explanation) {
    return new Correction(
        c.start(),
        c.end(),
        c.original(),
        c.suggestion(),
        c.category(),
        c.ruleId(),
        explanation,
        c.source());
  }
}
