package dev.parley.feedback;

import dev.parley.conversation.LearnerSpoke;
import org.springframework.context.event.EventListener;

/** Hands each learner utterance to the feedback workers; never waits for the check. */
final class FeedbackListener {

  private final FeedbackWorkers workers;
  private final UtteranceFeedback feedback;

  FeedbackListener(FeedbackWorkers workers, UtteranceFeedback feedback) {
    this.workers = workers;
    this.feedback = feedback;
  }

  @EventListener
  void learnerSpoke(LearnerSpoke event) {
    workers.submit(
        "turn " + event.turnNumber() + " of session " + event.session().id(),
        () -> feedback.check(event));
  }
}
