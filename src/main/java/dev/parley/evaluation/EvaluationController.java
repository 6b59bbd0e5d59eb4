package dev.parley.evaluation;

import dev.parley.learner.Learner;
import dev.parley.web.Paging;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class EvaluationController {

  private final EvaluationService evaluations;

  EvaluationController(EvaluationService evaluations) {
    this.evaluations = evaluations;
  }

  @GetMapping("/api/sessions/{id}/evaluation")
  EvaluationViews.EvaluationView get(Learner learner, @PathVariable String id) {
    return EvaluationViews.evaluation(evaluations.evaluation(learner, id));
  }

  @PostMapping("/api/sessions/{id}/evaluation")
  @ResponseStatus(HttpStatus.ACCEPTED)
  EvaluationViews.EvaluationView rerun(Learner learner, @PathVariable String id) {
    return EvaluationViews.evaluation(evaluations.rerun(learner, id));
  }

  @GetMapping("/api/learners/me/evaluations")
  EvaluationViews.HistoryPage history(
      Learner learner,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    Paging.check(page, size);
    return evaluations.history(learner, page, size);
  }
}
