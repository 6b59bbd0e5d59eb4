package dev.parley.feedback.review;

import dev.parley.feedback.CountParameter;
import dev.parley.feedback.LanguageFilter;
import dev.parley.learner.Learner;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Practice of the learner's own mistakes, scheduled by spaced repetition. */
@RestController
class ReviewController {

  static final int MAX_LIMIT = 50;

  record Exercise(
      String id, String language, String sentence, String category, String hint, Instant dueAt) {}

  record Answer(String text, Boolean hint) {}

  private final ReviewService review;

  ReviewController(ReviewService review) {
    this.review = review;
  }

  @GetMapping("/api/learners/me/review")
  List<Exercise> due(
      Learner learner,
      @RequestParam(required = false) String language,
      @RequestParam(required = false) String limit) {
    return review
        .due(
            learner.id(),
            LanguageFilter.of(language),
            CountParameter.parse("limit", limit, 5, MAX_LIMIT))
        .stream()
        .map(
            item ->
                new Exercise(
                    item.id(),
                    item.language(),
                    item.sentence(),
                    item.category(),
                    item.hint(),
                    item.dueAt()))
        .toList();
  }

  @PostMapping("/api/learners/me/review/{itemId}/answers")
  ReviewService.Graded answer(
      Learner learner, @PathVariable String itemId, @RequestBody Answer body) {
    return review.answer(learner.id(), itemId, body.text(), Boolean.TRUE.equals(body.hint()));
  }
}
