package dev.parley.evaluation;

import dev.parley.llm.StructuredOutput.InvalidOutputException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the model concluded about a session, checked beyond its schema: a score the learner can
 * trust, texts that say something, and lists short enough to read.
 *
 * @param score 0 to 100
 * @param justification why this score, citing what the learner said
 * @param strengths what went well
 * @param improvements concrete things to work on
 * @param debrief a short summary of the conversation for the learner
 */
record Assessment(
    int score,
    String justification,
    List<String> strengths,
    List<String> improvements,
    String debrief) {

  static final int MAX_ITEMS = 6;
  static final int MAX_ITEM_CHARS = 400;
  static final int MAX_TEXT_CHARS = 4000;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  Assessment {
    strengths = List.copyOf(strengths);
    improvements = List.copyOf(improvements);
  }

  /**
   * Reads the model's JSON.
   *
   * @throws InvalidOutputException listing every problem, for the model to fix on its retry
   */
  static Assessment parse(String json) {
    var node = JSON.readTree(json);
    if (!node.isObject()) {
      throw new InvalidOutputException("the reply must be one JSON object");
    }
    var problems = new ArrayList<String>();
    int score = score(node.get("score"), problems);
    var justification = text(node, "justification", problems);
    var strengths = items(node, "strengths", problems);
    var improvements = items(node, "improvements", problems);
    var debrief = text(node, "debrief", problems);
    if (!problems.isEmpty()) {
      throw new InvalidOutputException(String.join("; ", problems.stream().distinct().toList()));
    }
    return new Assessment(score, justification, strengths, improvements, debrief);
  }

  private static int score(JsonNode value, List<String> problems) {
    if (value == null || !value.isIntegralNumber()) {
      problems.add("score must be an integer from 0 to 100");
      return -1;
    }
    if (!value.canConvertToInt() || value.asInt() < 0 || value.asInt() > 100) {
      problems.add("score must be from 0 to 100, not " + value);
      return -1;
    }
    return value.asInt();
  }

  private static String text(JsonNode node, String field, List<String> problems) {
    var value = node.get(field);
    if (value == null || !value.isString() || value.asString().isBlank()) {
      problems.add(field + " must be a non-empty string");
      return null;
    }
    var text = value.asString().strip();
    if (text.length() > MAX_TEXT_CHARS) {
      problems.add(field + " must be at most " + MAX_TEXT_CHARS + " characters");
    }
    return text;
  }

  private static List<String> items(JsonNode node, String field, List<String> problems) {
    var value = node.get(field);
    if (value == null || !value.isArray()) {
      problems.add(field + " must be an array of strings");
      return List.of();
    }
    if (value.size() > MAX_ITEMS) {
      problems.add(field + " must have at most " + MAX_ITEMS + " items, not " + value.size());
    }
    var items = new ArrayList<String>();
    for (var item : value) {
      if (!item.isString() || item.asString().isBlank()) {
        problems.add(field + " must hold only non-empty strings");
      } else if (item.asString().strip().length() > MAX_ITEM_CHARS) {
        problems.add(field + " items must be at most " + MAX_ITEM_CHARS + " characters each");
      } else {
        items.add(item.asString().strip());
      }
    }
    return items;
  }
}
