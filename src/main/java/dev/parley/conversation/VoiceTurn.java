package dev.parley.conversation;

import dev.parley.conversation.TurnClock.Stage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One turn on a session socket: streams the reply text to the client and, when the socket carries
 * audio, speaks it; measures its stages; and when the learner barges in, stops the audio and keeps
 * in the stored turn only what they heard.
 */
final class VoiceTurn implements TurnListener {

  private final VoiceSession owner;
  private final SessionSocket socket;
  private final TurnClock clock;
  private final String transcript;
  private final CompletableFuture<Turn> stored = new CompletableFuture<>();
  private final ReplyText replyText;

  private volatile TurnHandle handle;
  private volatile SpokenReply reply;
  private volatile int number = -1;

  // Guarded by this.
  private boolean bargedIn;
  private Turn storedTurn;

  /**
   * @param transcript what the learner said, or null for a typed message
   */
  VoiceTurn(VoiceSession owner, SessionSocket socket, TurnClock clock, String transcript) {
    this.owner = owner;
    this.socket = socket;
    this.clock = clock;
    this.transcript = transcript;
    this.replyText = new ReplyText(socket);
  }

  void handle(TurnHandle handle) {
    this.handle = handle;
  }

  int number() {
    return number;
  }

  @Override
  public void onStarted(int number) {
    this.number = number;
    if (transcript != null) {
      socket.send(transcriptFinal(transcript, number));
    }
    socket.send(ConversationViews.turnStarted(number));
    reply = owner.started(this, number, clock);
    if (reply != null || transcript != null) {
      stored
          .thenCombine(reply == null ? stored : reply.firstAudio(), (turn, ignored) -> turn)
          .thenAccept(this::reportMetrics);
    }
  }

  /** Speech first: a sentence this delta completes starts synthesis before the text is written. */
  @Override
  public void onDelta(String text) {
    clock.mark(Stage.LLM_FIRST_TOKEN);
    var speaking = reply;
    if (speaking != null) {
      speaking.delta(text);
    }
    replyText.add(text);
  }

  @Override
  public void onCompleted(Turn turn) {
    var speaking = reply;
    if (speaking != null) {
      speaking.replyEnded();
    }
    Turn final_;
    synchronized (this) {
      storedTurn = turn;
      keepWhatWasHeard();
      final_ = storedTurn;
    }
    replyText.flush();
    socket.send(ConversationViews.turnCompleted(final_));
    stored.complete(final_);
  }

  @Override
  public void onFailed(String code, String message, Turn turn) {
    var speaking = reply;
    if (speaking != null) {
      speaking.replyEnded();
    }
    replyText.flush();
    socket.send(ConversationViews.error(code, message, turn, null));
    if (turn != null) {
      stored.complete(turn);
    }
  }

  /**
   * Whether the learner speaking now interrupts this turn: its reply is still being generated, or
   * its audio is still being sent or played.
   */
  boolean interruptible() {
    synchronized (this) {
      if (bargedIn) {
        return false;
      }
      if (storedTurn == null) {
        return true;
      }
    }
    var speaking = reply;
    return speaking != null && speaking.mayBePlaying(owner.playbackGrace());
  }

  /**
   * The learner spoke (or sent {@code interrupt}): audio stops at once, generation is cancelled,
   * and the stored reply keeps only what was heard.
   */
  void bargeIn() {
    synchronized (this) {
      if (bargedIn) {
        return;
      }
      bargedIn = true;
    }
    var speaking = reply;
    if (speaking != null) {
      speaking.stop();
    }
    var running = handle;
    if (running != null) {
      running.interrupt();
    }
    synchronized (this) {
      keepWhatWasHeard();
    }
  }

  /** The client's playback report; after a barge-in it may refine what was heard. */
  void played(long playedMs) {
    var speaking = reply;
    if (speaking == null) {
      return;
    }
    speaking.played(playedMs);
    synchronized (this) {
      keepWhatWasHeard();
    }
  }

  /** Ends the turn for a client that left: nobody hears the rest. */
  void abandon() {
    var speaking = reply;
    if (speaking != null) {
      speaking.stop();
    }
    var running = handle;
    if (running != null) {
      running.interrupt();
    }
  }

  /** Once barged in and stored: the stored reply becomes what the learner heard. */
  private void keepWhatWasHeard() {
    var speaking = reply;
    if (!bargedIn || storedTurn == null || speaking == null) {
      return;
    }
    var heard = speaking.heardText();
    if (heard == null || heard.equals(storedTurn.replyText())) {
      return;
    }
    try {
      storedTurn = owner.conversations().replyHeard(storedTurn, heard);
    } catch (RuntimeException e) {
      owner.storageFailed(e);
    }
  }

  /**
   * A spoken turn is usually stored after its first audio went out (the reply is still being
   * generated then): its latencies are all known and go into the insert.
   */
  @Override
  public VoiceTimings voiceTimingsSoFar() {
    var speaking = reply;
    if (transcript == null && speaking == null) {
      return VoiceTimings.NONE;
    }
    if (speaking != null) {
      var firstAudio = speaking.firstAudio();
      if (!firstAudio.isDone() || firstAudio.isCompletedExceptionally()) {
        return VoiceTimings.NONE;
      }
    }
    return owner.timings(clock, transcript != null, speaking != null);
  }

  private void reportMetrics(Turn turn) {
    var timings =
        turn.voice().equals(VoiceTimings.NONE)
            ? owner.timings(clock, transcript != null, reply != null)
            : turn.voice();
    owner.recordTimings(turn, timings);
    socket.trySend(ConversationViews.turnMetrics(turn.number(), timings));
  }

  static Map<String, Object> transcriptFinal(String text, Integer number) {
    var body = new LinkedHashMap<String, Object>();
    body.put("text", text);
    body.put("number", number);
    return ConversationViews.event("transcript.final", body);
  }
}
