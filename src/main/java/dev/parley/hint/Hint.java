package dev.parley.hint;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Help for a stuck learner. Nothing of the character's secret prompts is in it.
 *
 * @param suggestion what the learner could say next, in the target language at their level
 * @param phrase one useful phrase
 * @param translation the phrase in the learner's native language; null when the session has none
 */
record Hint(String suggestion, String phrase, String translation, Trigger trigger) {

  enum Trigger {
    REQUEST,
    SILENCE;

    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The JSON body of the REST answer and of the {@code hint} event. */
  Map<String, Object> view() {
    var view = new LinkedHashMap<String, Object>();
    view.put("trigger", trigger.wireName());
    view.put("suggestion", suggestion);
    view.put("phrase", phrase);
    view.put("translation", translation);
    return view;
  }
}
