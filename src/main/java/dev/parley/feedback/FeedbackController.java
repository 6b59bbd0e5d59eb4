package dev.parley.feedback;

import dev.parley.conversation.ConversationService;
import dev.parley.learner.Learner;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A session's grammar feedback and the learner's mistake profile. */
@RestController
class FeedbackController {

  static final int MAX_TOP = 50;

  record SessionFeedback(String sessionId, List<TurnFeedback> turns) {}

  record TurnFeedback(
      int number,
      String text,
      boolean spoken,
      Instant checkedAt,
      List<CorrectionView> corrections) {}

  record CorrectionView(
      int start,
      int end,
      String original,
      String suggestion,
      String category,
      String explanation,
      String source) {}

  private final ConversationService conversations;
  private final FeedbackStore store;
  private final MistakeProfile profile;

  FeedbackController(
      ConversationService conversations, FeedbackStore store, MistakeProfile profile) {
    this.conversations = conversations;
    this.store = store;
    this.profile = profile;
  }

  /** Every checked utterance of the session with its corrections, by turn number. */
  @GetMapping("/api/sessions/{id}/feedback")
  SessionFeedback session(Learner learner, @PathVariable String id) {
    var session = conversations.session(learner, id);
    var byUtterance =
        store.corrections(session.id()).stream()
            .collect(Collectors.groupingBy(StoredCorrection::utteranceId));
    var turns =
        store.utterances(session.id()).stream()
            .map(
                u ->
                    new TurnFeedback(
                        u.turnNumber(),
                        u.text(),
                        u.spoken(),
                        u.checkedAt(),
                        byUtterance.getOrDefault(u.id(), List.of()).stream()
                            .map(FeedbackController::view)
                            .toList()))
            .toList();
    return new SessionFeedback(session.id(), turns);
  }

  @GetMapping("/api/learners/me/mistakes")
  MistakeProfile.View mistakes(
      Learner learner,
      @RequestParam(required = false) String top,
      @RequestParam(required = false) String language) {
    return profile.of(
        learner.id(), LanguageFilter.of(language), CountParameter.parse("top", top, 5, MAX_TOP));
  }

  private static CorrectionView view(StoredCorrection c) {
    return new CorrectionView(
        c.start(),
        c.end(),
        c.original(),
        c.suggestion(),
        c.category(),
        c.explanation(),
        c.source());
  }
}
