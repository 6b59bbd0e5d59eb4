package dev.parley.conversation;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Records one turn's events. */
class TurnRecorder implements TurnListener {

  final List<String> events = new CopyOnWriteArrayList<>();
  final List<String> deltas = new CopyOnWriteArrayList<>();
  final CompletableFuture<Turn> completed = new CompletableFuture<>();
  final CompletableFuture<String> failedCode = new CompletableFuture<>();
  volatile Turn failedTurn;
  private final Consumer<Turn> onEnd;

  TurnRecorder() {
    this(turn -> {});
  }

  /** {@code onEnd} runs inside the final callback, before the recorder completes. */
  TurnRecorder(Consumer<Turn> onEnd) {
    this.onEnd = onEnd;
  }

  @Override
  public void onStarted(int number) {
    events.add("started:" + number);
  }

  @Override
  public void onDelta(String text) {
    events.add("delta");
    deltas.add(text);
  }

  @Override
  public void onCompleted(Turn turn) {
    events.add("completed");
    onEnd.accept(turn);
    completed.complete(turn);
  }

  @Override
  public void onFailed(String code, String message, Turn turn) {
    events.add("failed");
    failedTurn = turn;
    onEnd.accept(turn);
    failedCode.complete(code);
  }

  Turn await() throws Exception {
    return completed.get(10, TimeUnit.SECONDS);
  }
}
