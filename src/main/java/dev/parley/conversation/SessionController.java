package dev.parley.conversation;

import dev.parley.character.CefrLevel;
import dev.parley.learner.Learner;
import dev.parley.learner.LearnerLevels;
import dev.parley.web.ApiException;
import dev.parley.web.Paging;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/sessions")
class SessionController {

  private static final Pattern LANGUAGE_TAG =
      Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,4}");

  private final ConversationService conversations;
  private final LearnerLevels learnerLevels;

  SessionController(ConversationService conversations, LearnerLevels learnerLevels) {
    this.conversations = conversations;
    this.learnerLevels = learnerLevels;
  }

  record CreateSession(
      String characterId,
      String mode,
      String level,
      String nativeLanguage,
      String targetLanguage) {}

  @PostMapping
  ResponseEntity<ConversationViews.SessionDetail> create(
      Learner learner, @RequestBody CreateSession body) {
    if (body.characterId() == null || body.characterId().isBlank()) {
      throw ApiException.badRequest("character_required", "Say which character to talk to");
    }
    var explicitLevel = level(body.level());
    var started =
        conversations.start(
            learner,
            new NewSession(
                body.characterId(),
                mode(body.mode()),
                explicitLevel == null
                    ? CefrLevel.parse(learnerLevels.levelOrDefault(learner))
                    : explicitLevel,
                language(body.nativeLanguage(), "nativeLanguage"),
                language(body.targetLanguage(), "targetLanguage")));
    if (explicitLevel != null) {
      // The first level a learner picks becomes theirs; later ones are per session.
      learnerLevels.setIfAbsent(learner, explicitLevel.name());
    }
    return ResponseEntity.created(URI.create("/api/sessions/" + started.session().id()))
        .body(ConversationViews.detail(started.session(), started.turns()));
  }

  @GetMapping
  ConversationViews.SessionPageView list(
      Learner learner,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    Paging.check(page, size);
    return ConversationViews.page(conversations.sessions(learner, page, size));
  }

  @GetMapping("/{id}")
  ConversationViews.SessionDetail get(Learner learner, @PathVariable String id) {
    var session = conversations.session(learner, id);
    return ConversationViews.detail(session, conversations.turns(learner, id));
  }

  @GetMapping("/{id}/turns")
  List<ConversationViews.TurnView> turns(Learner learner, @PathVariable String id) {
    return ConversationViews.turns(conversations.turns(learner, id));
  }

  @PostMapping("/{id}/finish")
  ConversationViews.SessionView finish(Learner learner, @PathVariable String id) {
    return ConversationViews.session(conversations.finish(learner, id));
  }

  private static SessionMode mode(String value) {
    if (value == null || value.isBlank()) {
      return SessionMode.SANDBOX;
    }
    try {
      return SessionMode.fromWire(value.trim());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "invalid_mode",
          "Unknown mode '"
              + value
              + "': use sandbox, story, journey, penpal, roleplay, future_self or npc");
    }
  }

  /** The level the request names, or null for the learner's own. */
  private static CefrLevel level(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return CefrLevel.parse(value);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("invalid_level", e.getMessage());
    }
  }

  private static String language(String value, String field) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (!LANGUAGE_TAG.matcher(value.trim()).matches()) {
      throw ApiException.badRequest(
          "invalid_language", field + " must be a BCP 47 language tag such as es-ES or en");
    }
    return value.trim();
  }
}
