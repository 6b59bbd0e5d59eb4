package dev.parley.moderation;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code parley.moderation.*}.
 *
 * @param enabled whether turns are checked at all
 * @param provider who judges misconduct: the local rule lists or an OpenAI-compatible endpoint
 * @param policy what happens to a flagged turn
 * @param categories per-category policy overrides, keyed by wire name ({@code self-harm: end})
 * @param openai the OpenAI-compatible moderation endpoint
 */
@ConfigurationProperties("parley.moderation")
public record ModerationProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("rules") Provider provider,
    @DefaultValue("warn") Action policy,
    Map<String, Action> categories,
    @DefaultValue OpenAi openai) {

  public ModerationProperties {
    categories = categories == null ? Map.of() : Map.copyOf(categories);
    for (var name : categories.keySet()) {
      try {
        ModerationCategory.fromWireName(name);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "parley.moderation.categories: unknown category '" + name + "'", e);
      }
    }
  }

  /** The action for a misconduct category: its override, else the policy. */
  Action actionFor(ModerationCategory category) {
    return categories.entrySet().stream()
        .filter(entry -> ModerationCategory.fromWireName(entry.getKey()) == category)
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(policy);
  }

  public enum Provider {
    RULES,
    OPENAI
  }

  /**
   * @param baseUrl ends in {@code /v1}; the request goes to {@code <baseUrl>/moderations}
   * @param apiKey sent as a bearer token when set
   * @param timeout for the whole request; past it the rules decide
   */
  public record OpenAi(
      @DefaultValue("https://api.openai.com/v1") URI baseUrl,
      String apiKey,
      @DefaultValue("omni-moderation-latest") String model,
      @DefaultValue("10s") Duration timeout) {}
}
