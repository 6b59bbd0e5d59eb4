package dev.parley.feedback.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.character.CefrLevel;
import dev.parley.feedback.grammar.Correction.Source;
import dev.parley.llm.LlmProperties.Cloud;
import dev.parley.llm.cloud.CloudChatModels;
import dev.parley.testing.FakeOpenAiServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The LLM review over real LanguageTool, with the model behind a loopback OpenAI server. */
class LlmReviewedCheckerTest {

  private static final LanguageToolChecker RULES = new LanguageToolChecker(List.of("en"), 1);
  private static final FakeOpenAiServer SERVER = FakeOpenAiServer.start();
  private static final String TEXT = "She go to school yesterday.";

  private final LlmReviewedChecker checker =
      new LlmReviewedChecker(
          RULES,
          CloudChatModels.openAi(
              new Cloud(SERVER.baseUrl(), "sk-test", "gpt-4o-mini"),
              new CloudChatModels.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10))));

  @BeforeEach
  void reset() {
    SERVER.reset();
  }

  @AfterAll
  static void stop() {
    SERVER.close();
  }

  @Test
  void keepsConfirmedFindingsWithTheLevelsExplanationAndAddsMissedOnes() {
    SERVER.enqueueReply(
        """
        {"findings":[{"id":0,"keep":true,"explanation":"Yesterday is past: say went."}],
         "missed":[{"original":"go to school","suggestion":"went to school","category":"word-order",
           "explanation":"Overlaps the rule finding, so it is ignored."},
          {"original":"yesterday","suggestion":"last week","category":"word-choice",
           "explanation":"Another word."}]}
        """);

    var corrections = checker.check(TEXT, "en-US", CefrLevel.A2);

    assertThat(corrections).hasSize(2);
    var rule = corrections.get(0);
    assertThat(rule.original()).isEqualTo("go");
    assertThat(rule.source()).isEqualTo(Source.RULES);
    assertThat(rule.explanation()).isEqualTo("Yesterday is past: say went.");
    var added = corrections.get(1);
    assertThat(added.start()).isEqualTo(TEXT.indexOf("yesterday"));
    assertThat(added.end()).isEqualTo(TEXT.indexOf("yesterday") + "yesterday".length());
    assertThat(added.suggestion()).isEqualTo("last week");
    assertThat(added.category()).isEqualTo(MistakeCategory.WORD_CHOICE);
    assertThat(added.source()).isEqualTo(Source.LLM);
    assertThat(added.ruleId()).isEqualTo("llm");

    var request = SERVER.lastRequest();
    assertThat(request.json().path("response_format").path("json_schema").path("name").asString())
        .isEqualTo("grammar_review");
    assertThat(request.messages().getFirst().text()).contains("A2").contains("en-US");
    assertThat(request.messages().getLast().text()).contains("0. \"go\" -> \"goes\"");
  }

  @Test
  void dropsWhatTheModelRejects() {
    SERVER.enqueueReply(
        "{\"findings\":[{\"id\":0,\"keep\":false,\"explanation\":\"\"}],\"missed\":[]}");

    assertThat(checker.check(TEXT, "en-US", CefrLevel.B1)).isEmpty();
  }

  @Test
  void aSpanNotInTheTextIsSentBackAndTheCorrectedReplyUsed() {
    SERVER.enqueueReply(
        "{\"findings\":[{\"id\":0,\"keep\":true,\"explanation\":\"x\"}],"
            + "\"missed\":[{\"original\":\"She goes\",\"suggestion\":\"She went\","
            + "\"category\":\"verb-tense\",\"explanation\":\"y\"}]}");
    SERVER.enqueueReply(
        "{\"findings\":[{\"id\":0,\"keep\":true,\"explanation\":\"Say went.\"}],\"missed\":[]}");

    var corrections = checker.check(TEXT, "en-US", CefrLevel.B1);

    assertThat(corrections).extracting(Correction::explanation).containsExactly("Say went.");
    assertThat(SERVER.requests()).hasSize(2);
    assertThat(SERVER.lastRequest().messages().getLast().text())
        .contains("\"She goes\" is not in the utterance");
  }

  @Test
  void invalidTwiceFallsBackToTheRuleFindings() {
    var invalid =
        "{\"findings\":[{\"id\":0,\"keep\":false,\"explanation\":\"x\"}],"
            + "\"missed\":[{\"original\":\"yesterday\",\"suggestion\":\"today\","
            + "\"category\":\"made-up\",\"explanation\":\"y\"}]}";
    SERVER.enqueueReply(invalid);
    SERVER.enqueueReply("{\"findings\":[],\"missed\":[]}");

    var corrections = checker.check(TEXT, "en-US", CefrLevel.B1);

    assertThat(corrections).isEqualTo(RULES.check(TEXT, "en-US", CefrLevel.B1));
    assertThat(corrections).extracting(Correction::source).containsOnly(Source.RULES);
    assertThat(SERVER.requests()).hasSize(2);
  }

  @Test
  void providerFailureFallsBackToTheRuleFindings() {
    SERVER.enqueueFailure(500);
    SERVER.enqueueFailure(500);
    SERVER.enqueueFailure(500);
    SERVER.enqueueFailure(500);

    assertThat(checker.check(TEXT, "en-US", CefrLevel.B1))
        .isEqualTo(RULES.check(TEXT, "en-US", CefrLevel.B1));
  }

  @Test
  void aCorrectUtteranceStillGetsTheModelsLookButNothingInvented() {
    SERVER.enqueueReply("{\"findings\":[],\"missed\":[]}");

    assertThat(checker.check("I went to school yesterday.", "en-US", CefrLevel.C1)).isEmpty();
    assertThat(SERVER.lastRequest().messages().getLast().text()).contains("Findings: none");
  }
}
