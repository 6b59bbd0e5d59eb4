package dev.parley.character;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * @param description what the learner wants to practise, in any language
 * @param language BCP 47 tag of the language the character must speak
 * @param level optional CEFR level the learner is at; the character then gets a variant for it
 */
record GenerateCharacterRequest(String description, String language, String level) {

  static final int MAX_DESCRIPTION = 2000;

  Map<String, String> validate() {
    var errors = new LinkedHashMap<String, String>();
    if (description == null || description.isBlank()) {
      errors.put("description", "is required");
    } else if (description.length() > MAX_DESCRIPTION) {
      errors.put("description", "must be at most " + MAX_DESCRIPTION + " characters");
    }
    if (language == null || language.isBlank()) {
      errors.put("language", "is required: a BCP 47 language tag such as fr-FR");
    } else if (!CharacterDraft.LANGUAGE_TAG.matcher(language.trim()).matches()) {
      errors.put("language", "must be a BCP 47 language tag such as es-ES, fr-FR or de");
    }
    if (level != null && CharacterDraft.parseLevel(level) == null) {
      errors.put("level", "must be A1, A2, B1, B2, C1 or C2");
    }
    return errors;
  }
}
