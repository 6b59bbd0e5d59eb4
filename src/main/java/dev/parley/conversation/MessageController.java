package dev.parley.conversation;

import dev.parley.learner.Learner;
import dev.parley.llm.LlmErrorCode;
import dev.parley.llm.LlmException;
import dev.parley.web.ApiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * A learner's message: streamed back as Server-Sent Events when the client accepts {@code
 * text/event-stream}, otherwise answered with the stored turn once the reply is complete.
 */
@RestController
class MessageController {

  private final ConversationService conversations;
  private final ConversationProperties properties;
  private final JsonMapper json;

  MessageController(
      ConversationService conversations, ConversationProperties properties, JsonMapper json) {
    this.conversations = conversations;
    this.properties = properties;
    this.json = json;
  }

  record MessageBody(String text) {}

  @PostMapping(
      path = "/api/sessions/{id}/messages",
      produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_EVENT_STREAM_VALUE})
  Object send(
      Learner learner,
      @PathVariable String id,
      @RequestBody MessageBody body,
      @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept)
      throws InterruptedException {
    if (accept != null && accept.contains(MediaType.TEXT_EVENT_STREAM_VALUE)) {
      return stream(learner, id, body.text());
    }
    return await(learner, id, body.text());
  }

  private SseEmitter stream(Learner learner, String id, String text) {
    var emitter = new SseEmitter(properties.replyTimeout().toMillis());
    var handle = conversations.send(learner, id, text, new SseSink(emitter));
    emitter.onTimeout(handle::interrupt);
    emitter.onError(error -> handle.interrupt());
    return emitter;
  }

  private ConversationViews.TurnView await(Learner learner, String id, String text)
      throws InterruptedException {
    var outcome = new CompletableFuture<Turn>();
    var handle =
        conversations.send(
            learner,
            id,
            text,
            new TurnListener() {
              @Override
              public void onStarted(int number) {}

              @Override
              public void onDelta(String delta) {}

              @Override
              public void onCompleted(Turn turn) {
                outcome.complete(turn);
              }

              @Override
              public void onFailed(String code, String message, Turn turn) {
                outcome.completeExceptionally(failure(code, message));
              }
            });
    try {
      return ConversationViews.turn(
          outcome.get(properties.replyTimeout().toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      handle.interrupt();
      throw new LlmException(
          LlmErrorCode.TIMEOUT, "The reply took longer than " + properties.replyTimeout());
    } catch (ExecutionException e) {
      throw (RuntimeException) e.getCause();
    }
  }

  private static RuntimeException failure(String code, String message) {
    for (var llm : LlmErrorCode.values()) {
      if (llm.wireName().equals(code)) {
        return new LlmException(llm, message);
      }
    }
    return new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, code, message);
  }

  /**
   * Writes turn events to the emitter. A failed write means the client left: it throws, and the
   * turn stops generating and is stored as interrupted.
   */
  private final class SseSink implements TurnListener {

    private final SseEmitter emitter;

    SseSink(SseEmitter emitter) {
      this.emitter = emitter;
    }

    @Override
    public void onStarted(int number) {
      send(ConversationViews.turnStarted(number));
    }

    @Override
    public void onDelta(String text) {
      send(ConversationViews.replyDelta(text));
    }

    @Override
    public void onCompleted(Turn turn) {
      send(ConversationViews.turnCompleted(turn));
      emitter.complete();
    }

    @Override
    public void onFailed(String code, String message, Turn turn) {
      send(ConversationViews.error(code, message, turn, null));
      emitter.complete();
    }

    private void send(Map<String, Object> event) {
      try {
        emitter.send(
            SseEmitter.event()
                .name((String) event.get("type"))
                .data(json.writeValueAsString(event)));
      } catch (IOException e) {
        // Ends the response here: Jetty does not report the broken stream, and the request would
        // stay open until the reply timeout (holding up a graceful shutdown meanwhile).
        emitter.completeWithError(e);
        throw new UncheckedIOException(e);
      }
    }
  }
}
