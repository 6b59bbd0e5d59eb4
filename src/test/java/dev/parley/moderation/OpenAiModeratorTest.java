package dev.parley.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.parley.testing.FakeOpenAiModerationServer;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** The wire protocol and the fallback to the rules when the provider fails. */
class OpenAiModeratorTest {

  static final FakeOpenAiModerationServer provider = new FakeOpenAiModerationServer();
  final OpenAiModerator moderator =
      new OpenAiModerator(
          new ModerationProperties.OpenAi(
              URI.create(provider.baseUrl()),
              "sk-mod",
              "omni-moderation-latest",
              Duration.ofMillis(500)),
          RuleModerator.builtIn());

  final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeEach
  void reset() {
    provider.reset();
    logs.start();
    ((Logger) LoggerFactory.getLogger(OpenAiModerator.class)).addAppender(logs);
  }

  @AfterEach
  void detachLogs() {
    ((Logger) LoggerFactory.getLogger(OpenAiModerator.class)).detachAppender(logs);
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  @Test
  void sendsModelInputAndKeyAndMapsTheProviderCategories() {
    provider.flag("Miststück", "harassment", "hate/threatening");
    var verdict = moderator.check("Du Miststück, verschwinde.", "de-DE");

    var request = provider.requests().getFirst();
    assertThat(request.authorization()).isEqualTo("Bearer sk-mod");
    assertThat(request.body().path("model").asString()).isEqualTo("omni-moderation-latest");
    assertThat(request.body().path("input").asString()).isEqualTo("Du Miststück, verschwinde.");
    // The rule lists do not know this word: the verdict is the provider's.
    assertThat(verdict.categories())
        .containsExactlyInAnyOrder(ModerationCategory.HARASSMENT, ModerationCategory.VIOLENCE);
    assertThat(verdict.flags())
        .allSatisfy(flag -> assertThat(flag.spans()).isEmpty())
        .anySatisfy(flag -> assertThat(flag.reason()).contains("hate/threatening"));
  }

  @Test
  void aTextTheProviderDoesNotFlagIsClean() {
    assertThat(moderator.check("I will kill you", "en").flagged())
        .as("the provider, not the rules, decides while it answers")
        .isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 429, 500})
  void aFailingProviderFallsBackToTheRules(int status) {
    provider.enqueueFailure(status);
    var verdict = moderator.check("I will kill you", "en");
    assertThat(provider.requests()).hasSize(1);
    assertThat(verdict.categories()).containsExactly(ModerationCategory.VIOLENCE);
    assertThat(verdict.flags().getFirst().spans()).isNotEmpty();
    assertThat(logs.list)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.getLevel()).isEqualTo(Level.WARN);
              assertThat(event.getFormattedMessage())
                  .contains("HTTP " + status)
                  .doesNotContain("kill");
            });
  }

  @Test
  void aSlowProviderFallsBackToTheRules() {
    provider.enqueueDelay(Duration.ofSeconds(3));
    long started = System.nanoTime();
    var verdict = moderator.check("Je vais te tuer.", "fr-FR");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    assertThat(verdict.categories()).containsExactly(ModerationCategory.VIOLENCE);
  }

  @Test
  void anUnreachableProviderFallsBackToTheRules() {
    var closed = new FakeOpenAiModerationServer();
    var url = closed.baseUrl();
    closed.close();
    var offline =
        new OpenAiModerator(
            new ModerationProperties.OpenAi(URI.create(url), null, "m", Duration.ofSeconds(2)),
            RuleModerator.builtIn());
    assertThat(offline.check("eres un idiota", "es").categories())
        .containsExactly(ModerationCategory.HARASSMENT);
  }
}
