package dev.parley.llm.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.llm.ChatMessage;
import dev.parley.llm.ChatRequest;
import dev.parley.llm.ChatResult;
import dev.parley.llm.local.SizedGguf.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 1B-shaped benchmark model's code path, on a shape small enough for the suite. */
class SizedGgufTest {

  private static final Shape SMALL = new Shape("small", 2, 256, 512, 4, 2, 16_384, 1024);
  private static final Pattern SENTENCE_END = Pattern.compile("[.?] [A-Z]");

  @TempDir Path dir;

  @Test
  void theLlama1bShapeCountsAsManyParametersAsLlama321b() {
    // Llama-3.2-1B: 1,235,814,400 parameters, its output tied to the embeddings.
    assertThat(Shape.LLAMA_3_2_1B.parameters()).isEqualTo(1_235_814_400L);
  }

  @Test
  void theVocabularyHasTheRequestedSizeAndOneSpeechPieceInEightEndsASentence() {
    var speech = SizedGguf.SpeechVocabulary.build(Shape.LLAMA_3_2_1B.vocabulary());
    var pieces = speech.vocabulary().pieces();
    assertThat(pieces).hasSize(128_256).doesNotHaveDuplicates();
    long spoken = 0;
    long enders = 0;
    for (int token = 0; token < pieces.size(); token++) {
      if (speech.push(token) > 0) {
        spoken++;
        enders += pieces.get(token).matches(".*[.?]") ? 1 : 0;
      }
    }
    assertThat(spoken).isGreaterThan(5_000);
    assertThat((double) enders / spoken).isBetween(0.11, 0.14);
    assertThat(speech.push(speech.vocabulary().id("<|im_end|>"))).isNegative();
  }

  @Test
  void llamaCppLoadsTheQuantizedModelAndSpeaksCapitalisedSentences() {
    var file = SizedGguf.write(dir, SMALL, 5);
    long expectedBytes =
        16_384L * 256 * 18 / 32 // token_embd, Q4_0
            + 2 * (256L * 256 * 2 + 256L * 128 * 2 + 3 * 256L * 512) * 18 / 32 // layers, Q4_0
            + 16_384L * 256 * 210 / 256; // output, Q6_K
    assertThat(file).hasFileName("sized-small-5.gguf");
    assertThat(file.toFile().length()).isBetween(expectedBytes, expectedBytes + 1_000_000);
    try (var model = new LlamaChatModel(file, new LocalModelSettings(2, 1024, 0, 1))) {
      var request =
          new ChatRequest(
              List.of(
                  ChatMessage.system("You are a friendly interviewer in London."),
                  ChatMessage.user("I have worked as a project coordinator.")),
              96,
              ChatRequest.DEFAULT_TEMPERATURE,
              null,
              "sized");
      var reply = model.complete(request);
      // End of generation is pushed far down, so the reply runs to its limit.
      assertThat(reply.finishReason()).isEqualTo(ChatResult.FinishReason.LENGTH);
      assertThat(reply.completionTokens()).isEqualTo(96);
      // A sentence in eight tokens on average: none in 96 would be a 1-in-300,000 event.
      assertThat(reply.text()).containsPattern(SENTENCE_END);
    }
  }

  @Test
  void anExistingModelIsReusedNotRewritten() throws Exception {
    var file = SizedGguf.write(dir, SMALL, 6);
    var written = Files.getLastModifiedTime(file);
    Thread.sleep(20);
    assertThat(SizedGguf.write(dir, SMALL, 6)).isEqualTo(file);
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(written);
  }
}
