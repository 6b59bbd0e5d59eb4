package dev.parley.hint;

import dev.parley.conversation.ClientEventHandler;
import dev.parley.conversation.LiveSessions;
import dev.parley.learner.Learner;
import dev.parley.web.ApiException;
import java.util.LinkedHashMap;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * {@code hint.request} on the session WebSocket. The session is checked on the socket's thread, so
 * a finished or foreign session is an immediate {@code error}; the model is asked on the hint
 * executor and the answer (a {@code hint} or an {@code error}, with the request's {@code ref})
 * comes through {@link LiveSessions}.
 */
final class HintRequestHandler implements ClientEventHandler {

  private static final Logger log = LoggerFactory.getLogger(HintRequestHandler.class);

  private final HintGenerator hints;
  private final LiveSessions live;
  private final HintWorkers workers;

  HintRequestHandler(HintGenerator hints, LiveSessions live, HintWorkers workers) {
    this.hints = hints;
    this.live = live;
    this.workers = workers;
  }

  @Override
  public String type() {
    return "hint.request";
  }

  @Override
  public void handle(Learner learner, String sessionId, JsonNode event) {
    hints.activeSession(learner, sessionId);
    var ref = event.path("ref").isString() ? event.path("ref").asString() : null;
    try {
      workers.run(() -> answer(learner, sessionId, ref));
    } catch (RejectedExecutionException e) {
      throw new ApiException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "hint_unavailable",
          "Too many hints are being written; ask again in a moment");
    }
  }

  private void answer(Learner learner, String sessionId, String ref) {
    LinkedHashMap<String, Object> payload;
    String type;
    try {
      payload = new LinkedHashMap<>(hints.hint(learner, sessionId, Hint.Trigger.REQUEST).view());
      type = "hint";
    } catch (ApiException e) {
      payload = error(e.code(), e.getMessage());
      type = "error";
    } catch (RuntimeException e) {
      log.error("Hint for session {} failed", sessionId, e);
      payload = error("hint_unavailable", "The hint could not be written; ask again");
      type = "error";
    }
    if (ref != null) {
      payload.put("ref", ref);
    }
    live.push(sessionId, type, payload);
  }

  private static LinkedHashMap<String, Object> error(String code, String message) {
    var payload = new LinkedHashMap<String, Object>();
    payload.put("code", code);
    payload.put("message", message);
    return payload;
  }
}
