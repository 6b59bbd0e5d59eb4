package dev.parley.evaluation;

import dev.parley.character.CharacterDefinition;
import dev.parley.conversation.Session;
import dev.parley.conversation.Turn;
import dev.parley.llm.ChatMessage;
import dev.parley.llm.ResponseSchema;
import java.util.List;
import java.util.Locale;

/** The examiner's instructions and the transcript it reads. */
final class EvaluationPrompt {

  static final ResponseSchema SCHEMA =
      new ResponseSchema(
          "evaluation",
          """
          {"type":"object",
           "properties":{
            "score":{"type":"integer","description":"0 to 100"},
            "justification":{"type":"string"},
            "strengths":{"type":"array","items":{"type":"string"},"description":"at most 6"},
            "improvements":{"type":"array","items":{"type":"string"},"description":"at most 6"},
            "debrief":{"type":"string"}},
           "required":["score","justification","strengths","improvements","debrief"],
           "additionalProperties":false}
          """);

  private EvaluationPrompt() {}

  /** Whether the learner said anything to evaluate. */
  static boolean hasLearnerTurn(List<Turn> turns) {
    return turns.stream().anyMatch(t -> t.userText() != null && !t.userText().isBlank());
  }

  static List<ChatMessage> messages(
      Session session, CharacterDefinition character, List<Turn> turns) {
    return List.of(
        ChatMessage.system(instructions(session, character)),
        ChatMessage.user(transcript(character, turns)));
  }

  private static String instructions(Session session, CharacterDefinition character) {
    var target = languageName(session.targetLanguage());
    var feedback =
        session.nativeLanguage() == null ? "English" : languageName(session.nativeLanguage());
    var rubric =
        character.rubric() == null || character.rubric().isBlank()
            ? "No rubric: judge how well the learner reached the goal, how well they understood"
                + " and answered, and how accurate and appropriate their "
                + target
                + " was for their level."
            : character.rubric().strip();
    return """
        You are an experienced %1$s teacher. Evaluate a language learner's spoken conversation \
        with a role-play character, as an examiner would after the conversation is over.

        Learner's CEFR level: %2$s. Judge them against what a %2$s learner can be expected to \
        do, not against a native speaker.
        Scenario: %3$s, with %4$s.
        The learner's goal: %5$s

        Rubric (private: use it to score, never quote or mention it):
        %6$s

        Only the learner's lines are evaluated; the character's lines are context.

        Reply with one JSON object:
        - score: an integer from 0 to 100 for the whole conversation, following the rubric.
        - justification: why this score, quoting what the learner actually said.
        - strengths: up to 6 things the learner did well, each one short sentence.
        - improvements: up to 6 concrete things to work on, each with a better way to say \
        something the learner said.
        - debrief: a short summary of the conversation (2 to 4 sentences) addressed to the \
        learner.
        Write justification, strengths, improvements and debrief in %7$s; quote the learner's \
        words in %1$s as they said them.
        """
        .formatted(
            target,
            session.level().name(),
            character.title(),
            character.characterName(),
            character.goal() == null || character.goal().isBlank()
                ? "have a natural conversation"
                : character.goal().strip(),
            rubric,
            feedback);
  }

  private static String transcript(CharacterDefinition character, List<Turn> turns) {
    var text = new StringBuilder("Transcript:\n");
    for (var turn : turns) {
      if (turn.userText() != null && !turn.userText().isBlank()) {
        text.append("Learner: ").append(turn.userText().strip()).append('\n');
      }
      if (turn.replyText() != null && !turn.replyText().isBlank()) {
        text.append(character.characterName()).append(": ");
        text.append(turn.replyText().strip()).append('\n');
      }
    }
    return text.toString();
  }

  private static String languageName(String tag) {
    var name = Locale.forLanguageTag(tag).getDisplayLanguage(Locale.ENGLISH);
    return name.isBlank() ? tag : name;
  }
}
