package dev.parley.conversation;

import dev.parley.ids.TimeOrderedIds;
import dev.parley.learner.Learner;
import dev.parley.llm.ChatListener;
import dev.parley.llm.ChatModel;
import dev.parley.llm.ChatRequest;
import dev.parley.llm.ChatResult;
import dev.parley.llm.ChatStream;
import dev.parley.llm.LlmException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reply being generated. Whichever comes first of completion, failure or interruption ends the
 * turn; later callbacks are ignored, because a cancelled stream may or may not report back.
 *
 * <p>The model's request goes out before the listener hears {@code onStarted} (which writes
 * socket events), so that writing them overlaps the request instead of delaying it. The listener
 * still hears {@code onStarted} first: a callback that arrives earlier waits for it, outside any
 * lock of this turn.
 */
final class RunningTurn implements ChatListener, TurnHandle {

  private static final Logger log = LoggerFactory.getLogger(RunningTurn.class);

  private final ConversationService service;
  private final ChatModel model;
  private final Session session;
  private final Learner learner;
  private final String userText;
  private final int number;
  private final List<HistoryTurn> unsummarized;
  private final TurnListener listener;
  private final AtomicBoolean ended = new AtomicBoolean();
  private final StringBuilder reply = new StringBuilder();
  private final CountDownLatch startHeard = new CountDownLatch(1);
  /**
   * The id, not the thread: a virtual thread that has ended still holds its task, and with it
   * whatever started the turn (a transcription's socket and buffers) for as long as the turn lives.
   */
  private volatile long starterId = -1;
  private boolean startTold; // read and written by the starting thread only
  private volatile boolean cancelAfterStart;
  private volatile ChatStream stream;
  private Instant startedAt;
  private long receivedNanos;
  private long promptSentNanos;
  private volatile long firstTokenNanos;

  RunningTurn(
      ConversationService service,
      ChatModel model,
      Session session,
      Learner learner,
      String userText,
      int number,
      List<HistoryTurn> unsummarized,
      TurnListener listener) {
    this.service = service;
    this.model = model;
    this.session = session;
    this.learner = learner;
    this.userText = userText;
    this.number = number;
    this.unsummarized = unsummarized;
    this.listener = listener;
  }

  void start(ChatRequest request, Instant startedAt, long receivedNanos) {
    this.startedAt = startedAt;
    this.receivedNanos = receivedNanos;
    starterId = Thread.currentThread().threadId();
    promptSentNanos = System.nanoTime();
    ChatStream started;
    try {
      started = model.stream(request, this);
    } catch (LlmException e) {
      listenerStarted();
      onError(e);
      return;
    }
    stream = started;
    listenerStarted();
    if (ended.get() || cancelAfterStart) {
      started.cancel();
      stream = null;
    }
  }

  /**
   * Tells the listener the turn started, or, on any other thread, waits until it has been told.
   * The starting thread itself never waits: a listener that fails in {@code onStarted} ends the
   * turn from inside it.
   */
  private void listenerStarted() {
    if (Thread.currentThread().threadId() == starterId) {
      if (!startTold) {
        startTold = true;
        try {
          notify(() -> listener.onStarted(number));
        } finally {
          startHeard.countDown();
        }
      }
      return;
    }
    boolean interrupted = false;
    while (true) {
      try {
        startHeard.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Emits the delta while holding the lock, so an interruption cannot slip between storing the
   * partial reply and a delta: every delta a client sees is part of the stored reply.
   */
  @Override
  public void onToken(String text) {
    listenerStarted();
    synchronized (reply) {
      if (ended.get()) {
        return;
      }
      if (firstTokenNanos == 0) {
        firstTokenNanos = System.nanoTime();
      }
      reply.append(text);
      notify(() -> listener.onDelta(text));
    }
  }

  @Override
  public void onComplete(ChatResult result) {
    if (!endNow()) {
      return;
    }
    var text = result.text() == null ? partialReply() : result.text();
    Integer completionTokens = result.completionTokens() < 0 ? null : result.completionTokens();
    Integer promptTokens = result.promptTokens() < 0 ? null : result.promptTokens();
    end(TurnStatus.COMPLETED, text, promptTokens, completionTokens, null, null);
  }

  @Override
  public void onError(LlmException error) {
    if (!endNow()) {
      return;
    }
    end(TurnStatus.FAILED, partialReply(), null, null, error.code().wireName(), error.getMessage());
  }

  @Override
  public void interrupt() {
    if (!endNow()) {
      return;
    }
    // While the listener hears onStarted, the stream may be holding a token that waits for it
    // under the stream's own lock: cancelling now could deadlock, so start() cancels afterwards.
    var running = stream;
    if (startHeard.getCount() > 0 && Thread.currentThread().threadId() == starterId) {
      cancelAfterStart = true;
    } else if (running != null) {
      running.cancel();
    }
    end(TurnStatus.INTERRUPTED, partialReply(), null, null, null, null);
  }

  /** Claims the end of the turn; false if it already ended. */
  private boolean endNow() {
    synchronized (reply) {
      return ended.compareAndSet(false, true);
    }
  }

  private void end(
      TurnStatus status,
      String text,
      Integer promptTokens,
      Integer completionTokens,
      String errorCode,
      String errorMessage) {
    // The session keeps its last turn until the next: not the stream's request and buffers.
    stream = null;
    listenerStarted();
    long now = System.nanoTime();
    Integer firstTokenMs = firstTokenNanos == 0 ? null : millis(firstTokenNanos - promptSentNanos);
    int totalMs = promptSentNanos == 0 ? 0 : millis(now - promptSentNanos);
    Double tokensPerSecond = tokensPerSecond(completionTokens, now);
    var info = model.info();
    var turn =
        new Turn(
            TimeOrderedIds.next(),
            session.id(),
            number,
            userText,
            text,
            status,
            startedAt,
            firstTokenMs,
            totalMs,
            promptTokens,
            completionTokens,
            tokensPerSecond,
            info.provider(),
            info.model(),
            service.now(),
            listener.voiceTimingsSoFar());
    Turn stored;
    try {
      stored = service.store(this, session, unsummarized, turn, receivedNanos);
    } catch (RuntimeException e) {
      log.error("Could not store turn {} of session {}", number, session.id(), e);
      notify(() -> listener.onFailed("storage_failed", "The turn could not be stored", null));
      return;
    }
    if (status == TurnStatus.FAILED) {
      notify(() -> listener.onFailed(errorCode, errorMessage, stored));
    } else {
      notify(() -> listener.onCompleted(stored));
      service.summarizeIfNeeded(session.id(), learner, unsummarized.size() + 1);
    }
  }

  private String partialReply() {
    synchronized (reply) {
      return reply.toString();
    }
  }

  /** A listener that throws has lost its client: stop generating for nobody. */
  private void notify(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.debug(
          "Listener of session {} failed, interrupting the turn: {}", session.id(), e.toString());
      interrupt();
    }
  }

  /**
   * Decoding speed: the tokens after the first over the time after the first, so prompt evaluation
   * does not count. A single token falls back to the whole call.
   */
  private Double tokensPerSecond(Integer completionTokens, long endNanos) {
    if (completionTokens == null || completionTokens == 0) {
      return null;
    }
    double rate =
        firstTokenNanos != 0 && completionTokens > 1
            ? (completionTokens - 1) / seconds(firstTokenNanos, endNanos)
            : completionTokens / seconds(promptSentNanos, endNanos);
    return Math.round(rate * 10) / 10.0;
  }

  private static int millis(long nanos) {
    return (int) Math.max(0, nanos / 1_000_000);
  }

  /** Never zero, so a burst of instant tokens gives a large finite rate. */
  private static double seconds(long fromNanos, long toNanos) {
    return Math.max(toNanos - fromNanos, 1_000) / 1e9;
  }
}
