package dev.parley.moderation;

import dev.parley.moderation.Verdict.Flag;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenAI-compatible moderation endpoint ({@code POST /v1/moderations}). The provider judges the
 * whole text, so its flags carry no spans; it knows nothing of personal data, which the local check
 * adds. When the provider fails (unreachable, 4xx, 5xx, timeout, a reply it cannot read), the rules
 * decide and a warning is logged: moderation never blocks the conversation.
 */
public final class OpenAiModerator implements Moderator {

  private static final Logger log = LoggerFactory.getLogger(OpenAiModerator.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The provider's categories, sub-categories included, mapped onto Parley's. */
  private static final Map<String, ModerationCategory> CATEGORIES = categories();

  private final HttpClient http;
  private final ModerationProperties.OpenAi settings;
  private final Moderator fallback;

  public OpenAiModerator(ModerationProperties.OpenAi settings, Moderator fallback) {
    this.settings = settings;
    this.fallback = fallback;
    this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
  }

  @Override
  public Verdict check(String text, String language) {
    if (text == null || text.isBlank()) {
      return Verdict.CLEAN;
    }
    try {
      var flags = new ArrayList<>(ask(text));
      flags.addAll(PersonalData.find(text));
      return new Verdict(flags);
    } catch (ProviderFailure e) {
      log.atWarn()
          .addKeyValue("provider", "openai")
          .addKeyValue("failure", e.getMessage())
          .log("Moderation provider failed, the rules decide: {}", e.getMessage());
      return fallback.check(text, language);
    }
  }

  private List<Flag> ask(String text) {
    var body = new LinkedHashMap<String, Object>();
    body.put("model", settings.model());
    body.put("input", text);
    var request =
        HttpRequest.newBuilder(moderationsUri())
            .timeout(settings.timeout())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
      request.header("Authorization", "Bearer " + settings.apiKey());
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ProviderFailure(e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderFailure("interrupted");
    }
    if (response.statusCode() != 200) {
      throw new ProviderFailure("HTTP " + response.statusCode());
    }
    try {
      return flags(JSON.readTree(response.body()));
    } catch (JacksonException e) {
      throw new ProviderFailure("unreadable response: " + e.getOriginalMessage());
    }
  }

  private static List<Flag> flags(JsonNode response) {
    var result = response.path("results").path(0);
    if (!result.path("categories").isObject()) {
      throw new ProviderFailure("response without results[0].categories");
    }
    var byCategory = new LinkedHashMap<ModerationCategory, TreeSet<String>>();
    for (var entry : result.path("categories").properties()) {
      var category = CATEGORIES.get(entry.getKey());
      if (category != null && entry.getValue().asBoolean(false)) {
        byCategory.computeIfAbsent(category, c -> new TreeSet<>()).add(entry.getKey());
      }
    }
    var flags = new ArrayList<Flag>();
    byCategory.forEach(
        (category, names) ->
            flags.add(
                new Flag(category, "provider flagged " + String.join(", ", names), List.of())));
    return flags;
  }

  private URI moderationsUri() {
    var base = settings.baseUrl().toString();
    return URI.create((base.endsWith("/") ? base : base + "/") + "moderations");
  }

  private static Map<String, ModerationCategory> categories() {
    var map = new LinkedHashMap<String, ModerationCategory>();
    map.put("self-harm", ModerationCategory.SELF_HARM);
    map.put("self-harm/intent", ModerationCategory.SELF_HARM);
    map.put("self-harm/instructions", ModerationCategory.SELF_HARM);
    map.put("violence", ModerationCategory.VIOLENCE);
    map.put("violence/graphic", ModerationCategory.VIOLENCE);
    map.put("harassment/threatening", ModerationCategory.VIOLENCE);
    map.put("hate/threatening", ModerationCategory.VIOLENCE);
    map.put("illicit/violent", ModerationCategory.VIOLENCE);
    map.put("hate", ModerationCategory.HATE);
    map.put("sexual/minors", ModerationCategory.SEXUAL_MINORS);
    map.put("sexual", ModerationCategory.SEXUAL);
    map.put("harassment", ModerationCategory.HARASSMENT);
    return Map.copyOf(map);
  }

  /** Why the provider gave no usable answer; never leaves this class. */
  private static final class ProviderFailure extends RuntimeException {

    ProviderFailure(String message) {
      super(message);
    }
  }
}
