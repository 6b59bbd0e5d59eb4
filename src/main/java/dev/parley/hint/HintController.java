package dev.parley.hint;

import dev.parley.learner.Learner;
import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class HintController {

  private final HintGenerator hints;

  HintController(HintGenerator hints) {
    this.hints = hints;
  }

  /** Waits for the model and answers with the hint; it is text only, never spoken. */
  @PostMapping("/api/sessions/{id}/hints")
  Map<String, Object> hint(Learner learner, @PathVariable String id) {
    return hints.hint(learner, id, Hint.Trigger.REQUEST).view();
  }
}
