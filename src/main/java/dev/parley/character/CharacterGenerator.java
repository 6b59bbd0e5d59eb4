package dev.parley.character;

import dev.parley.llm.ChatMessage;
import dev.parley.llm.ChatModel;
import dev.parley.llm.ChatRequest;
import dev.parley.llm.LlmErrorCode;
import dev.parley.llm.LlmException;
import dev.parley.llm.ResponseSchema;
import dev.parley.llm.StructuredOutput;
import dev.parley.web.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a character from a learner's one-line description with the app's chat model, using
 * structured output, and checks it against the same rules as a hand-written one.
 */
@Component
class CharacterGenerator {

  static final ResponseSchema SCHEMA =
      new ResponseSchema(
          "character",
          """
          {"type":"object",
           "properties":{
            "title":{"type":"string"},
            "characterName":{"type":"string"},
            "gender":{"type":"string","enum":["female","male","neutral"]},
            "persona":{"type":"string"},
            "levels":{"type":"array","items":{"type":"object",
              "properties":{
               "level":{"type":"string","enum":["A1","A2","B1","B2","C1","C2"]},
               "instructions":{"type":"string"}},
              "required":["level","instructions"],
              "additionalProperties":false}},
            "openingLine":{"type":"string"},
            "hintPrompt":{"type":"string"},
            "goal":{"type":"string"},
            "rubric":{"type":"string"},
            "tags":{"type":"array","items":{"type":"string"}}},
           "required":["title","characterName","gender","persona","levels","openingLine",
            "hintPrompt","goal","rubric","tags"],
           "additionalProperties":false}
          """);

  /** The model's reply, shaped like {@link #SCHEMA}. */
  record Generated(
      String title,
      String characterName,
      String gender,
      String persona,
      List<Level> levels,
      String openingLine,
      String hintPrompt,
      String goal,
      String rubric,
      List<String> tags) {

    record Level(String level, String instructions) {}
  }

  private final ObjectProvider<ChatModel> models;
  private final JsonMapper json;
  private final CharacterProperties properties;

  CharacterGenerator(
      ObjectProvider<ChatModel> models, JsonMapper json, CharacterProperties properties) {
    this.models = models;
    this.json = json;
    this.properties = properties;
  }

  /**
   * A valid draft for the request, or an {@link ApiException} {@code character_generation_invalid}
   * (502) when the model failed twice to produce one.
   */
  CharacterDraft generate(GenerateCharacterRequest request) {
    var model = models.getIfAvailable();
    if (model == null) {
      throw new LlmException(
          LlmErrorCode.MODEL_NOT_CONFIGURED,
          "No chat model is configured, so characters cannot be generated");
    }
    var language = request.language().trim();
    var level = request.level() == null ? null : CharacterDraft.parseLevel(request.level());
    var chat =
        ChatRequest.of(
                List.of(
                    ChatMessage.system(instructions(language, level)),
                    ChatMessage.user(request.description().strip())))
            .withMaxTokens(properties.generationMaxTokens())
            .withTemperature(properties.generationTemperature());
    try {
      return StructuredOutput.complete(model, chat, SCHEMA, text -> parse(text, language, level));
    } catch (LlmException e) {
      if (e.code() != LlmErrorCode.INVALID_OUTPUT) {
        throw e;
      }
      throw new ApiException(
          HttpStatus.BAD_GATEWAY, "character_generation_invalid", e.getMessage());
    }
  }

  private CharacterDraft parse(String text, String language, CefrLevel level) {
    var generated = json.readValue(text, Generated.class);
    var levels = new LinkedHashMap<String, String>();
    if (generated.levels() != null) {
      generated.levels().stream()
          .filter(Objects::nonNull)
          .forEach(l -> levels.put(String.valueOf(l.level()), l.instructions()));
    }
    // Models like to capitalise tags or put spaces in them; that is not worth a retry.
    var tags =
        generated.tags() == null
            ? List.<String>of()
            : generated.tags().stream()
                .filter(Objects::nonNull)
                .map(t -> t.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "-"))
                .toList();
    var draft =
        new CharacterDraft(
            generated.title(),
            generated.characterName(),
            generated.gender(),
            null,
            language,
            generated.persona(),
            levels,
            generated.openingLine(),
            generated.hintPrompt(),
            generated.goal(),
            generated.rubric(),
            tags);
    var errors = draft.validate();
    if (level != null && !levels.containsKey(level.name())) {
      errors.put("levels", "must include instructions for level " + level);
    }
    if (!errors.isEmpty()) {
      throw new StructuredOutput.InvalidOutputException(
          errors.entrySet().stream()
              .map(e -> e.getKey() + " " + e.getValue())
              .collect(Collectors.joining("; ")));
    }
    return draft;
  }

  private static String instructions(String language, CefrLevel level) {
    var name = Locale.forLanguageTag(language).getDisplayLanguage(Locale.ENGLISH);
    var levels = level == null ? "A1, A2, B1, B2 and C1" : "A1, " + level + " and C1";
    return """
    You write characters for Parley, an app where language learners practise speaking with an \
    AI character. Invent one character from the learner's description. The character speaks \
    %1$s (%2$s). Reply with only a JSON object with these fields:
    - title: a short English title for the scenario, at most 120 characters.
    - characterName: the character's name, at most 80 characters.
    - gender: female, male or neutral.
    - persona: the character's secret system prompt, in English, written to the character \
    ("You are ..."), at most 6000 characters. Say who they are, where the scene happens, how \
    they talk, what they want from the conversation and how they react if the learner is \
    rude. End with these rules: stay in character; speak only %1$s; keep every reply to 1 to 3 \
    short sentences, because replies are spoken aloud; never mention being an AI or break the \
    fourth wall.
    - levels: for CEFR levels %3$s, English instructions on how the character adapts its \
    speech at that level (vocabulary, grammar, tenses, speed, idioms), at most 1000 \
    characters each. A1: very short simple sentences in the present tense, common words. C1: \
    natural speed, idioms, complex sentences.
    - openingLine: the first thing the character says, in %1$s, at most 300 characters.
    - hintPrompt: English instructions for writing a hint when the learner is stuck: one \
    short sentence the learner could say next, in %1$s at their level, with a translation.
    - goal: in one English sentence, what the learner has to achieve.
    - rubric: 3 to 5 criteria for scoring the conversation, as a Markdown list; each says \
    what earns points.
    - tags: 1 to 5 lowercase tags such as food, travel, work.
    """
        .formatted(name, language, levels);
  }
}
