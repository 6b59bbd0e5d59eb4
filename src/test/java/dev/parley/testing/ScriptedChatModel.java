package dev.parley.testing;

import dev.parley.llm.ChatListener;
import dev.parley.llm.ChatModel;
import dev.parley.llm.ChatRequest;
import dev.parley.llm.ChatResult;
import dev.parley.llm.ChatStream;
import dev.parley.llm.LlmErrorCode;
import dev.parley.llm.LlmException;
import dev.parley.llm.ModelInfo;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A deterministic model for tests of the plain-Java conversation core: replies are scripted token
 * by token, requests are recorded. End-to-end tests use the real adapters against loopback fakes
 * of the providers' wire protocols instead.
 */
public final class ScriptedChatModel implements ChatModel {

  private final Deque<Object> script = new ArrayDeque<>();
  private final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
  private final List<ChatRequest> prefills = new CopyOnWriteArrayList<>();
  private volatile List<String> defaultReply = List.of("Hello", " there", ".");
  private volatile Duration tokenDelay = Duration.ZERO;
  private volatile WeakReference<ChatStream> lastStream = new WeakReference<>(null);

  /** The next request is answered with these tokens. */
  public synchronized ScriptedChatModel enqueueReply(String... tokens) {
    script.add(List.of(tokens));
    return this;
  }

  /** The next request fails with this code. */
  public synchronized ScriptedChatModel enqueueFailure(LlmErrorCode code) {
    script.add(code);
    return this;
  }

  /** Used when nothing is enqueued. */
  public ScriptedChatModel defaultReply(String... tokens) {
    defaultReply = List.of(tokens);
    return this;
  }

  public ScriptedChatModel tokenDelay(Duration delay) {
    tokenDelay = delay;
    return this;
  }

  public List<ChatRequest> requests() {
    return List.copyOf(requests);
  }

  public List<ChatRequest> prefills() {
    return List.copyOf(prefills);
  }

  public synchronized void reset() {
    script.clear();
    requests.clear();
    prefills.clear();
    defaultReply = List.of("Hello", " there", ".");
    tokenDelay = Duration.ZERO;
  }

  @Override
  public ModelInfo info() {
    return new ModelInfo("scripted", "scripted-test-model");
  }

  @Override
  public void prefill(ChatRequest request) {
    prefills.add(request);
  }

  /** Prefills are recorded, so callers send them as to a model that caches prompts. */
  @Override
  public boolean cachesPrompts() {
    return true;
  }

  /** The last stream handed out, weakly: tests check that nothing keeps a finished one. */
  public WeakReference<ChatStream> lastStream() {
    return lastStream;
  }

  @Override
  public ChatStream stream(ChatRequest request, ChatListener listener) {
    requests.add(request);
    Object next;
    synchronized (this) {
      next = script.isEmpty() ? defaultReply : script.poll();
    }
    var cancelled = new AtomicBoolean();
    var step = next;
    Thread.ofVirtual()
        .start(
            () -> {
              if (step instanceof LlmErrorCode code) {
                listener.onError(new LlmException(code, "Scripted failure " + code));
                return;
              }
              @SuppressWarnings("unchecked")
              var tokens = (List<String>) step;
              var text = new StringBuilder();
              for (String token : tokens) {
                if (!sleep() || cancelled.get()) {
                  listener.onError(new LlmException(LlmErrorCode.CANCELLED, "Cancelled"));
                  return;
                }
                text.append(token);
                listener.onToken(token);
              }
              listener.onComplete(
                  new ChatResult(
                      text.toString(),
                      request.messages().size() * 10,
                      tokens.size(),
                      ChatResult.FinishReason.STOP));
            });
    ChatStream stream = () -> cancelled.set(true);
    lastStream = new WeakReference<>(stream);
    return stream;
  }

  private boolean sleep() {
    if (tokenDelay.isZero()) {
      return true;
    }
    try {
      Thread.sleep(tokenDelay);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
