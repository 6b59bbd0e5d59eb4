package dev.parley.learner;

import dev.parley.web.ApiException;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/learners/me")
class LearnerController {

  private final LearnerLevels levels;

  LearnerController(LearnerLevels levels) {
    this.levels = levels;
  }

  /** @param level the stored CEFR level, null until the learner has one */
  record LearnerView(String id, String level) {}

  record LevelUpdate(String level) {}

  @GetMapping
  LearnerView get(Learner learner) {
    return new LearnerView(
        learner.id(), levels.find(learner).map(LearnerLevels.StoredLevel::level).orElse(null));
  }

  @PutMapping
  LearnerView put(Learner learner, @RequestBody LevelUpdate body) {
    var level = body.level() == null ? null : body.level().trim().toUpperCase(Locale.ROOT);
    if (!LearnerLevels.isLevel(level)) {
      throw ApiException.badRequest(
          "invalid_level",
          "Unknown CEFR level '" + body.level() + "': use one of A1, A2, B1, B2, C1, C2");
    }
    levels.set(learner, level);
    return new LearnerView(learner.id(), level);
  }
}
