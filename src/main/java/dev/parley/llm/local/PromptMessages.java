package dev.parley.llm.local;

import de.kherud.llama.Pair;
import dev.parley.llm.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Parley messages as llama.cpp's chat template wants them: one system text, then turns that start
 * with the user and alternate. Many GGUF templates (Gemma, Llama, Mistral) raise an error
 * otherwise.
 *
 * @param system the system prompt, empty when there is none
 * @param turns (role, text) pairs with role {@code user} or {@code assistant}
 */
record PromptMessages(String system, List<Pair<String, String>> turns) {

  static PromptMessages of(List<ChatMessage> messages) {
    var system = new StringBuilder();
    var turns = new ArrayList<Pair<String, String>>();
    for (var message : messages) {
      switch (message.role()) {
        case SYSTEM -> appendParagraph(system, message.text());
        case ASSISTANT -> {
          if (turns.isEmpty()) {
            // The character spoke first (an opening line). Templates cannot start with the
            // assistant, so the model learns it from the system prompt instead.
            appendParagraph(
                system, "You opened the conversation by saying: \"" + message.text() + "\"");
          } else {
            add(turns, "assistant", message.text());
          }
        }
        case USER -> add(turns, "user", message.text());
      }
    }
    return new PromptMessages(system.toString(), List.copyOf(turns));
  }

  /** Consecutive messages of one role become one turn, keeping roles alternating. */
  private static void add(List<Pair<String, String>> turns, String role, String text) {
    if (!turns.isEmpty() && turns.getLast().getKey().equals(role)) {
      var previous = turns.removeLast();
      turns.add(new Pair<>(role, previous.getValue() + "\n\n" + text));
    } else {
      turns.add(new Pair<>(role, text));
    }
  }

  private static void appendParagraph(StringBuilder text, String paragraph) {
    if (!text.isEmpty()) {
      text.append("\n\n");
    }
    text.append(paragraph);
  }
}
