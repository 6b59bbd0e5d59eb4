package dev.parley.llm.local;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import dev.parley.llm.ChatListener;
import dev.parley.llm.ChatModel;
import dev.parley.llm.ChatRequest;
import dev.parley.llm.ChatResult;
import dev.parley.llm.ChatStream;
import dev.parley.llm.LlmErrorCode;
import dev.parley.llm.LlmException;
import dev.parley.llm.ModelInfo;
import dev.parley.llm.ResponseSchema;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A GGUF model run in-process by llama.cpp (de.kherud:llama).
 *
 * <p>Concurrency: the model has {@link LocalModelSettings#parallelSessions()} llama.cpp slots and
 * runs that many generations at once (llama.cpp decodes the active slots in one batch, so they
 * share the CPU rather than queue behind each other); further requests wait in arrival order. Each
 * conversation ({@link ChatRequest#cacheKey()}) goes back to the slot that holds its KV cache when
 * that slot is free, so a follow-up turn only evaluates the tokens added since the last one.
 *
 * <p>Each generation runs on its own platform thread: the native calls block and would pin a
 * virtual thread's carrier.
 *
 * <p>Closing frees the native model, but llama.cpp leaves a non-daemon native thread behind
 * (de.kherud/java-llama.cpp issue #116): a process that used this class must end with {@link
 * System#exit}, as Spring Boot's {@code SpringApplication.exit} plus {@code System.exit} do.
 */
public final class LlamaChatModel implements ChatModel, AutoCloseable {

  private static final ChatListener DISCARD =
      new ChatListener() {
        @Override
        public void onToken(String text) {}

        @Override
        public void onComplete(ChatResult result) {}

        @Override
        public void onError(LlmException error) {}
      };

  private final LlamaModel model;
  private final ModelInfo info;
  private final SlotPool slots;
  private final ExecutorService workers =
      Executors.newCachedThreadPool(
          Thread.ofPlatform().daemon().name("llama-generate-", 0).factory());
  private final Set<Generation> running = ConcurrentHashMap.newKeySet();
  private final Map<String, Generation> prefilling = new ConcurrentHashMap<>();
  private final Map<String, String> grammars = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * Loads the model. Throws {@link LlmException} with {@link LlmErrorCode#MODEL_NOT_CONFIGURED} for
   * a missing, non-GGUF or unsupported file and {@link LlmErrorCode#PROVIDER_ERROR} when llama.cpp
   * fails to load it.
   */
  public LlamaChatModel(Path modelFile, LocalModelSettings settings) {
    var architecture = GgufHeader.checkLoadable(modelFile);
    var parameters =
        new ModelParameters()
            .setModel(modelFile.toAbsolutePath().toString())
            .setThreads(settings.threads())
            .setCtxSize(settings.contextSize())
            .setGpuLayers(settings.gpuLayers())
            .setParallel(settings.parallelSessions());
    NativeLibrary.isolateExtraction();
    try {
      model = new LlamaModel(parameters);
    } catch (RuntimeException e) {
      throw new LlmException(
          LlmErrorCode.PROVIDER_ERROR,
          "llama.cpp could not load local model %s (architecture '%s'): %s"
              .formatted(modelFile, architecture, e.getMessage()),
          e);
    }
    info = new ModelInfo("local", modelFile.getFileName().toString());
    slots = new SlotPool(settings.parallelSessions());
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  /**
   * Reads the prompt into the conversation's slot by generating one token, the cheapest way through
   * llama.cpp's slot logic to a cached prompt. A newer prefill or a request of the same
   * conversation cancels the one before it: if it still waits for the slot it never runs (only the
   * latest words are worth reading); if it is reading, it finishes the prompt and stops.
   */
  @Override
  public void prefill(ChatRequest request) {
    var generation = start(request.withMaxTokens(1), DISCARD, true);
    if (request.cacheKey() != null) {
      var replaced = prefilling.put(request.cacheKey(), generation);
      if (replaced != null) {
        replaced.cancel();
      }
    }
  }

  @Override
  public boolean cachesPrompts() {
    return true;
  }

  @Override
  public ChatStream stream(ChatRequest request, ChatListener listener) {
    if (request.cacheKey() != null) {
      var waiting = prefilling.remove(request.cacheKey());
      if (waiting != null) {
        waiting.cancel();
      }
    }
    return start(request, listener, false);
  }

  private Generation start(ChatRequest request, ChatListener listener, boolean prefill) {
    if (closed) {
      throw new LlmException(LlmErrorCode.MODEL_NOT_CONFIGURED, "The local model is closed");
    }
    var generation = new Generation(request, listener, prefill);
    running.add(generation);
    workers.execute(generation);
    return generation;
  }

  /** Cancels running generations, waits briefly for them, then frees the native model. */
  @Override
  public void close() {
    closed = true;
    running.forEach(Generation::cancel);
    workers.shutdown();
    try {
      workers.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    model.close();
  }

  /** The conversation rendered with the chat template stored in the GGUF. */
  private String prompt(ChatRequest request) {
    var messages = PromptMessages.of(request.messages());
    return model.applyTemplate(
        new InferenceParameters("")
            .setMessages(messages.system(), messages.turns())
            .setUseChatTemplate(true));
  }

  private InferenceParameters parameters(String prompt, ChatRequest request, int slot) {
    var parameters =
        new InferenceParameters(prompt)
            .setNPredict(request.maxTokens())
            .setTemperature((float) request.temperature())
            .setCachePrompt(true);
    if (request.responseSchema() != null) {
      parameters.setGrammar(grammar(request.responseSchema()));
    }
    SlotPinning.pin(parameters, slot);
    return parameters;
  }

  private String grammar(ResponseSchema schema) {
    return grammars.computeIfAbsent(
        schema.json(),
        json -> {
          try {
            return LlamaModel.jsonSchemaToGrammar(json);
          } catch (RuntimeException e) {
            throw new LlmException(
                LlmErrorCode.PROVIDER_ERROR,
                "Response schema '%s' cannot be turned into a llama.cpp grammar: %s"
                    .formatted(schema.name(), e.getMessage()),
                e);
          }
        });
  }

  /** One request: waits for a slot, streams, reports exactly one outcome. */
  private final class Generation implements ChatStream, Runnable {

    private final ChatRequest request;
    private final ChatListener listener;
    private final boolean prefill;
    // Held while delivering a token and while cancelling, so no token lands after cancel().
    private final ReentrantLock delivery = new ReentrantLock();
    private volatile boolean cancelled;
    private boolean outcomeReported;

    Generation(ChatRequest request, ChatListener listener, boolean prefill) {
      this.request = request;
      this.listener = listener;
      this.prefill = prefill;
    }

    @Override
    public void cancel() {
      delivery.lock();
      try {
        cancelled = true;
      } finally {
        delivery.unlock();
      }
      slots.wakeWaiters();
    }

    @Override
    public void run() {
      try {
        int slot = slots.acquire(request.cacheKey(), prefill, () -> cancelled);
        if (slot < 0) {
          report(cancelledError());
          return;
        }
        try {
          generate(slot);
        } finally {
          slots.release(slot);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        report(cancelledError());
      } catch (LlmException e) {
        report(e);
      } catch (RuntimeException e) {
        report(
            new LlmException(
                LlmErrorCode.PROVIDER_ERROR,
                "Local model %s failed: %s".formatted(info.model(), e.getMessage()),
                e));
      } finally {
        running.remove(this);
        if (request.cacheKey() != null) {
          prefilling.remove(request.cacheKey(), this);
        }
      }
    }

    private void generate(int slot) {
      var prompt = prompt(request);
      int promptTokens = model.encode(prompt).length;
      var text = new StringBuilder();
      int tokens = 0;
      var iterator = model.generate(parameters(prompt, request, slot)).iterator();
      try {
        while (!cancelled && iterator.hasNext()) {
          var token = iterator.next().text;
          if (!token.isEmpty() && deliver(token)) {
            text.append(token);
            tokens++;
          }
        }
      } finally {
        // Stops the native task on cancel and when a listener throws, else it runs on in the slot.
        // Only this thread may cancel: cancelled from another thread while this one waits in the
        // native receive call, the iterator never returns.
        if (iterator.hasNext()) {
          iterator.cancel();
        }
      }
      if (cancelled) {
        report(cancelledError());
        return;
      }
      var finish =
          tokens >= request.maxTokens()
              ? ChatResult.FinishReason.LENGTH
              : ChatResult.FinishReason.STOP;
      outcomeReported = true;
      listener.onComplete(new ChatResult(text.toString(), promptTokens, tokens, finish));
    }

    private boolean deliver(String token) {
      delivery.lock();
      try {
        if (cancelled) {
          return false;
        }
        listener.onToken(token);
        return true;
      } finally {
        delivery.unlock();
      }
    }

    /** Reports a failure unless an outcome already went out (a listener threw in onComplete). */
    private void report(LlmException error) {
      if (!outcomeReported) {
        outcomeReported = true;
        listener.onError(error);
      }
    }
  }

  private static LlmException cancelledError() {
    return new LlmException(LlmErrorCode.CANCELLED, "Generation cancelled");
  }
}
