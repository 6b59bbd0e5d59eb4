package dev.parley.conversation;

import dev.parley.web.ApiException;
import java.io.IOException;
import java.io.OutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Refuses a message body that cannot hold an acceptable message before it is parsed, so a huge
 * upload costs neither memory nor parsing. Smaller bodies are checked on their text.
 */
@Configuration(proxyBeanMethods = false)
class MessageBodyLimit implements WebMvcConfigurer, HandlerInterceptor {

  /** Worst case per character in JSON (a {@code \\uXXXX} escape), plus room for the envelope. */
  private static final int BYTES_PER_CHAR = 6;

  private static final int ENVELOPE_BYTES = 1024;

  /**
   * Bodies up to this size are read and dropped before the refusal. A server that closes a
   * connection with unread bytes resets it, and the client loses the 413 it was being sent.
   */
  private static final long DISCARD_UP_TO = 16L * 1024 * 1024;

  private final long maxBytes;
  private final int maxChars;

  MessageBodyLimit(ConversationProperties properties) {
    this.maxChars = properties.maxMessageChars();
    this.maxBytes = (long) maxChars * BYTES_PER_CHAR + ENVELOPE_BYTES;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).addPathPatterns("/api/sessions/*/messages");
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler)
      throws IOException {
    long length = request.getContentLengthLong();
    if (length > maxBytes) {
      if (length <= DISCARD_UP_TO) {
        request.getInputStream().transferTo(OutputStream.nullOutputStream());
      }
      throw new ApiException(
          HttpStatus.CONTENT_TOO_LARGE,
          "message_too_long",
          "Messages are limited to " + maxChars + " characters");
    }
    return true;
  }
}
