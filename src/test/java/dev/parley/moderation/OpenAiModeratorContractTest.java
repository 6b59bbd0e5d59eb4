package dev.parley.moderation;

import dev.parley.testing.FakeOpenAiModerationServer;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

class OpenAiModeratorContractTest extends ModeratorContractTest {

  static final FakeOpenAiModerationServer provider = new FakeOpenAiModerationServer();

  /** A fallback that flags nothing, so every verdict here is the provider's. */
  final Moderator moderator =
      new OpenAiModerator(
          new ModerationProperties.OpenAi(
              URI.create(provider.baseUrl()),
              "sk-test",
              "omni-moderation-latest",
              Duration.ofSeconds(5)),
          (text, language) -> Verdict.CLEAN);

  @BeforeEach
  void reset() {
    provider.reset();
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  @Override
  protected Moderator moderator() {
    return moderator;
  }

  @Override
  protected void providerFlags(String fragment, ModerationCategory category) {
    var name =
        switch (category) {
          case VIOLENCE -> "violence";
          case SELF_HARM -> "self-harm/intent";
          case HARASSMENT -> "harassment";
          default -> throw new IllegalArgumentException(category.name());
        };
    provider.flag(fragment, name);
  }
}
