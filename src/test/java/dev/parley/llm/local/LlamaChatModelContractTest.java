package dev.parley.llm.local;

import dev.parley.llm.ChatMessage;
import dev.parley.llm.ChatModel;
import dev.parley.llm.ChatModelContractTest;
import dev.parley.llm.LlmErrorCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter contract on a tiny random-weight GGUF. Its replies cannot be scripted, so the
 * contract only checks their shape; {@link TinyGguf} shapes the weights so that replies run to
 * {@code maxTokens} (long enough to cancel) and grammar-constrained JSON closes its strings.
 */
class LlamaChatModelContractTest extends ChatModelContractTest {

  @TempDir static Path dir;
  private static LlamaChatModel model;

  @BeforeAll
  static void load() {
    model = new LlamaChatModel(TinyGguf.write(dir, 7), LocalModelSettings.defaults());
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Override
  protected ChatModel model() {
    return model;
  }

  @Override
  protected boolean scriptReply(String... chunks) {
    return false;
  }

  @Override
  protected void scriptSlowReply(int chunks, Duration delay) {
    // Nothing to script: the tiny model never samples end-of-generation, so it runs to maxTokens.
  }

  @Override
  protected LlmErrorCode scriptUnavailable() {
    return null;
  }

  @Override
  protected List<ChatMessage> lastReceivedMessages() {
    return null;
  }
}
