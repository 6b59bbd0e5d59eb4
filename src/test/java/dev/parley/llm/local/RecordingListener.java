package dev.parley.llm.local;

import dev.parley.llm.ChatListener;
import dev.parley.llm.ChatResult;
import dev.parley.llm.LlmException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** Records a stream's tokens, when the first arrived, and its outcome. */
final class RecordingListener implements ChatListener {

  final List<String> tokens = new CopyOnWriteArrayList<>();
  final CountDownLatch firstToken = new CountDownLatch(1);
  final CompletableFuture<ChatResult> result = new CompletableFuture<>();
  volatile long firstTokenNanos;

  @Override
  public void onToken(String text) {
    if (tokens.isEmpty()) {
      firstTokenNanos = System.nanoTime();
    }
    tokens.add(text);
    firstToken.countDown();
  }

  @Override
  public void onComplete(ChatResult chatResult) {
    result.complete(chatResult);
  }

  @Override
  public void onError(LlmException error) {
    result.completeExceptionally(error);
  }
}
