package dev.parley.llm.local;

import static org.assertj.core.api.Assertions.assertThat;

import de.kherud.llama.Pair;
import dev.parley.llm.ChatMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptMessagesTest {

  @Test
  void systemFirstThenAlternatingTurns() {
    var prompt =
        PromptMessages.of(
            List.of(
                ChatMessage.system("You are Lucía."),
                ChatMessage.user("Hola"),
                ChatMessage.assistant("¡Hola!"),
                ChatMessage.user("Un café")));
    assertThat(prompt.system()).isEqualTo("You are Lucía.");
    assertThat(prompt.turns())
        .containsExactly(
            new Pair<>("user", "Hola"),
            new Pair<>("assistant", "¡Hola!"),
            new Pair<>("user", "Un café"));
  }

  @Test
  void openingLineOfTheCharacterMovesIntoTheSystemPrompt() {
    var prompt =
        PromptMessages.of(
            List.of(
                ChatMessage.system("You are Lucía."),
                ChatMessage.assistant("¡Hola! ¿Qué te pongo?"),
                ChatMessage.user("Un café con leche.")));
    assertThat(prompt.system())
        .isEqualTo(
            "You are Lucía.\n\nYou opened the conversation by saying: \"¡Hola! ¿Qué te pongo?\"");
    assertThat(prompt.turns()).containsExactly(new Pair<>("user", "Un café con leche."));
  }

  @Test
  void consecutiveMessagesOfOneRoleMerge() {
    var prompt =
        PromptMessages.of(
            List.of(
                ChatMessage.user("Hola."),
                ChatMessage.user("¿Estás?"),
                ChatMessage.system("Be brief.")));
    assertThat(prompt.system()).isEqualTo("Be brief.");
    assertThat(prompt.turns()).containsExactly(new Pair<>("user", "Hola.\n\n¿Estás?"));
  }
}
