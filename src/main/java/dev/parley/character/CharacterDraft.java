package dev.parley.character;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The fields of a character as a client (or the LLM) writes them. Everything is kept as plain text
 * so that bad values become field errors from {@link #validate()} rather than parse failures; the
 * same rules apply to the API, to generated characters and to the built-in files.
 */
record CharacterDraft(
    String title,
    String characterName,
    String gender,
    String voice,
    String language,
    String persona,
    Map<String, String> levelPersonas,
    String openingLine,
    String hintPrompt,
    String goal,
    String rubric,
    List<String> tags) {

  static final int MAX_TITLE = 120;
  static final int MAX_NAME = 80;
  static final int MAX_VOICE = 80;
  static final int MAX_PERSONA = 8000;
  static final int MAX_LEVEL_PERSONA = 4000;
  static final int MAX_OPENING_LINE = 500;
  static final int MAX_HINT_PROMPT = 4000;
  static final int MAX_GOAL = 500;
  static final int MAX_RUBRIC = 4000;
  static final int MAX_TAGS = 10;

  /** Language, optional script, optional region: {@code es}, {@code es-ES}, {@code zh-Hans-CN}. */
  static final Pattern LANGUAGE_TAG =
      Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?");

  private static final Pattern VOICE = Pattern.compile("[A-Za-z0-9._:-]+");
  private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9-]{0,29}");

  CharacterDraft {
    levelPersonas = levelPersonas == null ? Map.of() : new LinkedHashMap<>(levelPersonas);
    tags = tags == null ? List.of() : tags.stream().filter(Objects::nonNull).toList();
  }

  /** Field name to problem, in field order; empty when the draft is valid. */
  Map<String, String> validate() {
    var errors = new LinkedHashMap<String, String>();
    required(errors, "title", title, MAX_TITLE);
    required(errors, "characterName", characterName, MAX_NAME);
    if (blank(gender)) {
      errors.put("gender", "is required: female, male or neutral");
    } else if (parseGender(gender) == null) {
      errors.put("gender", "must be female, male or neutral");
    }
    if (!blank(voice)) {
      if (voice.length() > MAX_VOICE) {
        errors.put("voice", "must be at most " + MAX_VOICE + " characters");
      } else if (!VOICE.matcher(voice).matches()) {
        errors.put("voice", "may contain only letters, digits, '.', '_', ':' and '-'");
      }
    }
    if (blank(language)) {
      errors.put("language", "is required: a BCP 47 language tag such as es-ES");
    } else if (!LANGUAGE_TAG.matcher(language.trim()).matches()) {
      errors.put("language", "must be a BCP 47 language tag such as es-ES, fr-FR or de");
    }
    required(errors, "persona", persona, MAX_PERSONA);
    levelPersonas.forEach(
        (level, text) -> {
          var field = "levelPersonas." + level;
          if (parseLevel(level) == null) {
            errors.put(field, "is not a CEFR level: use A1, A2, B1, B2, C1 or C2");
          } else if (blank(text)) {
            errors.put(field, "must not be blank");
          } else if (text.length() > MAX_LEVEL_PERSONA) {
            errors.put(field, "must be at most " + MAX_LEVEL_PERSONA + " characters");
          }
        });
    required(errors, "openingLine", openingLine, MAX_OPENING_LINE);
    optional(errors, "hintPrompt", hintPrompt, MAX_HINT_PROMPT);
    optional(errors, "goal", goal, MAX_GOAL);
    optional(errors, "rubric", rubric, MAX_RUBRIC);
    if (tags.size() > MAX_TAGS) {
      errors.put("tags", "at most " + MAX_TAGS + " tags");
    } else {
      tags.stream()
          .filter(tag -> !TAG.matcher(tag).matches())
          .findFirst()
          .ifPresent(
              tag ->
                  errors.put(
                      "tags", "'" + tag + "' is not a tag: 1-30 lowercase letters, digits or '-'"));
    }
    return errors;
  }

  /** The definition this (valid) draft describes. */
  CharacterDefinition toDefinition(String id, boolean custom, String owner, Instant updatedAt) {
    var levels = new EnumMap<CefrLevel, String>(CefrLevel.class);
    levelPersonas.forEach((level, text) -> levels.put(parseLevel(level), text.strip()));
    return new CharacterDefinition(
        id,
        title.strip(),
        characterName.strip(),
        parseGender(gender),
        blank(voice) ? null : voice.strip(),
        Locale.forLanguageTag(language.trim()).toLanguageTag(),
        persona.strip(),
        levels,
        openingLine.strip(),
        stripOrNull(hintPrompt),
        stripOrNull(goal),
        stripOrNull(rubric),
        tags,
        custom,
        owner,
        updatedAt);
  }

  private static void required(Map<String, String> errors, String field, String value, int max) {
    if (blank(value)) {
      errors.put(field, "is required");
    } else {
      optional(errors, field, value, max);
    }
  }

  private static void optional(Map<String, String> errors, String field, String value, int max) {
    if (value != null && value.length() > max) {
      errors.put(field, "must be at most " + max + " characters");
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static String stripOrNull(String value) {
    return blank(value) ? null : value.strip();
  }

  static Gender parseGender(String text) {
    for (var gender : Gender.values()) {
      if (gender.name().equalsIgnoreCase(text.trim())) {
        return gender;
      }
    }
    return null;
  }

  static CefrLevel parseLevel(String text) {
    for (var level : CefrLevel.values()) {
      if (level.name().equalsIgnoreCase(text.trim())) {
        return level;
      }
    }
    return null;
  }
}
