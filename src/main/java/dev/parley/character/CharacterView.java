package dev.parley.character;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a learner may see of a character. The persona, level personas, hint prompt and rubric are
 * prompts, not content: they never appear here.
 *
 * @param levels CEFR levels with a dedicated variant; all levels when the character has none (it
 *     then speaks the same way at every level)
 */
record CharacterView(
    String id,
    String title,
    String characterName,
    String gender,
    String voice,
    String language,
    List<String> levels,
    String openingLine,
    String goal,
    List<String> tags,
    boolean custom) {

  static CharacterView of(CharacterDefinition c) {
    var levels =
        c.levelPersonas().isEmpty()
            ? Arrays.stream(CefrLevel.values()).map(Enum::name).toList()
            : c.levelPersonas().keySet().stream().sorted().map(Enum::name).toList();
    return new CharacterView(
        c.id(),
        c.title(),
        c.characterName(),
        c.gender() == null ? null : c.gender().name().toLowerCase(Locale.ROOT),
        c.voice(),
        c.language(),
        levels,
        c.openingLine(),
        c.goal(),
        c.tags(),
        c.custom());
  }
}
