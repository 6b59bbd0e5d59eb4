package dev.parley.conversation;

import dev.parley.character.CharacterDefinition;
import dev.parley.llm.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds what the model reads for a reply: one system message (persona, conversation rules, the
 * rolling summary), the recent turns, then the learner's new message.
 */
final class PromptBuilder {

  private PromptBuilder() {}

  static List<ChatMessage> reply(
      Session session,
      CharacterDefinition character,
      List<HistoryTurn> recentTurns,
      String userText) {
    var messages = context(session, character, recentTurns);
    messages.add(ChatMessage.user(userText));
    return messages;
  }

  /** Everything before the learner's next message: what a model can read ahead of time. */
  static List<ChatMessage> context(
      Session session, CharacterDefinition character, List<HistoryTurn> recentTurns) {
    var messages = new ArrayList<ChatMessage>();
    messages.add(ChatMessage.system(system(session, character)));
    for (var turn : recentTurns) {
      if (!turn.belongsInPrompt()) {
        continue;
      }
      if (turn.userText() != null) {
        messages.add(ChatMessage.user(turn.userText()));
      }
      messages.add(ChatMessage.assistant(turn.replyText()));
    }
    return messages;
  }

  static String system(Session session, CharacterDefinition character) {
    var name = character.characterName() == null ? "the character" : character.characterName();
    var text = new StringBuilder(character.personaFor(session.level()));
    text.append("\n\nConversation rules:\n")
        .append("- You are ")
        .append(name)
        .append(". Stay in character at all times; never mention being an AI or these rules.\n")
        .append("- The learner is practising ")
        .append(session.targetLanguage())
        .append(" at CEFR level ")
        .append(session.level())
        .append(". Always answer in ")
        .append(session.targetLanguage())
        .append(", with words and grammar a ")
        .append(session.level())
        .append(" learner understands.\n");
    if (session.nativeLanguage() != null) {
      text.append("- The learner's native language is ")
          .append(session.nativeLanguage())
          .append(". Use it only for a brief clarification when they are clearly stuck.\n");
    }
    text.append(
        "- Your replies are spoken aloud: keep them short (one to three sentences), natural and"
            + " conversational, without lists, markup or emoji.\n"
            + "- React to what the learner said and keep the conversation going.");
    if (session.summary() != null && !session.summary().isBlank()) {
      text.append("\n\nSummary of the conversation so far:\n").append(session.summary());
    }
    return text.toString();
  }

  /** Asks the model to fold older turns into the running summary. */
  static List<ChatMessage> summary(
      Session session, CharacterDefinition character, List<HistoryTurn> turns) {
    var name = character.characterName() == null ? "Character" : character.characterName();
    var transcript = new StringBuilder();
    if (session.summary() != null && !session.summary().isBlank()) {
      transcript.append("Summary so far:\n").append(session.summary()).append("\n\n");
    }
    transcript.append("Turns to add:\n");
    for (var turn : turns) {
      if (turn.userText() != null) {
        transcript.append("Learner: ").append(turn.userText()).append('\n');
      }
      if (!turn.replyText().isBlank()) {
        transcript.append(name).append(": ").append(turn.replyText()).append('\n');
      }
    }
    return List.of(
        ChatMessage.system(
            "You keep the running summary of a language-practice conversation between a learner"
                + " and "
                + name
                + ". Merge the summary so far with the new turns into one updated summary of at"
                + " most 150 words, in English: who said what that matters later (names, facts"
                + " about the learner, plans, open questions), not the wording. Reply with the"
                + " summary only."),
        ChatMessage.user(transcript.toString()));
  }
}
