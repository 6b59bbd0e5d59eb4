package dev.parley.llm.cloud;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.TokenUsage;
import dev.parley.llm.ChatListener;
import dev.parley.llm.ChatMessage;
import dev.parley.llm.ChatModel;
import dev.parley.llm.ChatRequest;
import dev.parley.llm.ChatResult;
import dev.parley.llm.ChatStream;
import dev.parley.llm.LlmErrorCode;
import dev.parley.llm.LlmException;
import dev.parley.llm.ModelInfo;
import dev.parley.llm.ResponseSchema;
import java.util.concurrent.atomic.AtomicReference;

/** Any LangChain4j streaming chat model (one per cloud vendor) behind Parley's {@link ChatModel}. */
final class LangChainChatModel implements ChatModel {

  private final StreamingChatModel delegate;
  private final ModelInfo info;
  private final ProviderErrors errors;

  LangChainChatModel(StreamingChatModel delegate, ModelInfo info, ProviderErrors errors) {
    this.delegate = delegate;
    this.info = info;
    this.errors = errors;
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  @Override
  public ChatStream stream(ChatRequest request, ChatListener listener) {
    var langChainRequest = toLangChain(request);
    var stream = new Stream(listener);
    // LangChain4j 1.18's JDK client parses the body in thenAccept(); when the response is already
    // there, that runs on the calling thread and chat() returns only after the last token, so the
    // caller could not cancel. A virtual thread keeps stream() returning at once.
    Thread.ofVirtual()
        .name("llm-" + info.provider())
        .start(
            () -> {
              try {
                delegate.chat(langChainRequest, stream);
              } catch (RuntimeException e) {
                stream.onError(e);
              }
            });
    return stream;
  }

  private static dev.langchain4j.model.chat.request.ChatRequest toLangChain(ChatRequest request) {
    var builder =
        dev.langchain4j.model.chat.request.ChatRequest.builder()
            .messages(request.messages().stream().map(LangChainChatModel::toLangChain).toList())
            .maxOutputTokens(request.maxTokens())
            .temperature(request.temperature());
    if (request.responseSchema() != null) {
      builder.responseFormat(responseFormat(request.responseSchema()));
    }
    return builder.build();
  }

  private static dev.langchain4j.data.message.ChatMessage toLangChain(ChatMessage message) {
    return switch (message.role()) {
      case SYSTEM -> SystemMessage.from(message.text());
      case USER -> UserMessage.from(message.text());
      case ASSISTANT -> AiMessage.from(message.text());
    };
  }

  /** Every supported vendor constrains decoding to a JSON schema natively in LangChain4j 1.18. */
  private static ResponseFormat responseFormat(ResponseSchema schema) {
    return ResponseFormat.builder()
        .type(ResponseFormatType.JSON)
        .jsonSchema(
            JsonSchema.builder()
                .name(schema.name())
                .rootElement(JsonSchemaConverter.convert(schema.json()))
                .build())
        .build();
  }

  /**
   * One generation. Listener calls are serialized on this object so that a cancel from another
   * thread never overlaps a token being delivered, and exactly one terminal call is made.
   */
  private final class Stream implements StreamingChatResponseHandler, ChatStream {

    private final ChatListener listener;
    private final StringBuilder text = new StringBuilder();
    private final AtomicReference<StreamingHandle> handle = new AtomicReference<>();
    private boolean finished;
    // Set before taking the lock: a burst of buffered tokens must not starve a cancel waiting on it.
    private volatile boolean cancelRequested;

    Stream(ChatListener listener) {
      this.listener = listener;
    }

    @Override
    public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
      handle.compareAndSet(null, context.streamingHandle());
      synchronized (this) {
        if (finished) {
          context.streamingHandle().cancel();
          return;
        }
        deliver(partial.text());
      }
    }

    @Override
    public void onPartialResponse(String partial) {
      synchronized (this) {
        if (!finished) {
          deliver(partial);
        }
      }
    }

    private void deliver(String token) {
      if (token == null || token.isEmpty() || cancelRequested) {
        return;
      }
      text.append(token);
      listener.onToken(token);
    }

    @Override
    public synchronized void onCompleteResponse(ChatResponse response) {
      if (finished || cancelRequested) {
        return;
      }
      // Some servers answer a streaming request in one piece; the listener still sees it as a token.
      if (text.isEmpty() && response.aiMessage() != null && response.aiMessage().text() != null) {
        deliver(response.aiMessage().text());
      }
      finished = true;
      TokenUsage usage = response.tokenUsage();
      listener.onComplete(
          new ChatResult(
              text.toString(),
              count(usage == null ? null : usage.inputTokenCount()),
              count(usage == null ? null : usage.outputTokenCount()),
              finishReason(response.finishReason())));
    }

    @Override
    public synchronized void onError(Throwable error) {
      if (finished || cancelRequested) {
        return;
      }
      finished = true;
      listener.onError(errors.map(error));
    }

    @Override
    public void cancel() {
      cancelRequested = true;
      synchronized (this) {
        if (finished) {
          return;
        }
        finished = true;
        listener.onError(new LlmException(LlmErrorCode.CANCELLED, "Generation was cancelled"));
      }
      var current = handle.get();
      if (current != null) {
        current.cancel();
      }
    }
  }

  private static int count(Integer tokens) {
    return tokens == null ? -1 : tokens;
  }

  private static ChatResult.FinishReason finishReason(
      dev.langchain4j.model.output.FinishReason reason) {
    if (reason == null) {
      return ChatResult.FinishReason.OTHER;
    }
    return switch (reason) {
      case STOP -> ChatResult.FinishReason.STOP;
      case LENGTH -> ChatResult.FinishReason.LENGTH;
      default -> ChatResult.FinishReason.OTHER;
    };
  }
}
