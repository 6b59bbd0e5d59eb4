package dev.parley.conversation;

import dev.parley.learner.LearnerResolver;
import dev.parley.voice.stt.SpeechToText;
import dev.parley.voice.tts.TextToSpeech;
import dev.parley.voice.vad.TurnDetectorFactory;
import dev.parley.web.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSocket
class SessionSocketConfig implements WebSocketConfigurer {

  /**
   * Tomcat allocates this buffer for every connection up front, so it is much of what an idle
   * session costs (docs/performance.md). The handler takes partial messages, so a frame larger
   * than the buffer arrives in parts (the voice session joins them and refuses oversized ones
   * without closing the connection): it only needs to hold a common frame whole, 20 ms at 48 kHz
   * (1,920 bytes) or 100 ms at 16 kHz (3,200 bytes).
   */
  private static final int MAX_BINARY_BUFFER = 4 * 1024;

  /**
   * Likewise per connection; client events are small, and larger text frames (long typed
   * messages) arrive in parts that SessionSocketHandler joins.
   */
  private static final int MAX_TEXT_BUFFER = 1024;

  private final ConversationService conversations;
  private final ConversationProperties properties;
  private final VoiceSession.Services voice;
  private final JsonMapper json;
  private final OpenSockets open;
  private final List<ClientEventHandler> extensions;

  /**
   * The speech components are looked up on each use, so that a missing one only costs voice (with a
   * {@code voice_model_not_configured} error), never the server.
   */
  SessionSocketConfig(
      ConversationService conversations,
      ConversationProperties properties,
      VoiceProperties voiceProperties,
      ObjectProvider<TurnDetectorFactory> detectors,
      ObjectProvider<SpeechToText> stt,
      ObjectProvider<TextToSpeech> tts,
      MeterRegistry meterRegistry,
      JsonMapper json,
      OpenSockets open,
      List<ClientEventHandler> extensions) {
    this.conversations = conversations;
    this.properties = properties;
    this.voice =
        new VoiceSession.Services(
            conversations,
            detectors::getIfAvailable,
            stt::getIfAvailable,
            tts::getIfAvailable,
            voiceProperties,
            new VoiceMetrics(meterRegistry));
    this.json = json;
    this.open = open;
    this.extensions = extensions;
  }

  @Override
  public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
    registry
        .addHandler(
            new SessionSocketHandler(conversations, properties, voice, json, open, extensions),
            "/ws/sessions/{id}")
        .addInterceptors(new LearnerHandshake());
  }

  @Bean
  ServletServerContainerFactoryBean webSocketContainer() {
    var container = new ServletServerContainerFactoryBean();
    container.setMaxTextMessageBufferSize(MAX_TEXT_BUFFER);
    container.setMaxBinaryMessageBufferSize(MAX_BINARY_BUFFER);
    return container;
  }

  /**
   * Takes the learner from the header or the {@code learner} query parameter (browsers cannot set
   * headers).
   */
  private static final class LearnerHandshake implements HandshakeInterceptor {

    @Override
    public boolean beforeHandshake(
        ServerHttpRequest request,
        ServerHttpResponse response,
        WebSocketHandler handler,
        Map<String, Object> attributes) {
      var uri = UriComponentsBuilder.fromUri(request.getURI()).build();
      var header = request.getHeaders().getFirst(LearnerResolver.HEADER);
      var value = header != null ? header : uri.getQueryParams().getFirst("learner");
      try {
        attributes.put(SessionSocketHandler.LEARNER, LearnerResolver.fromHeader(value));
      } catch (ApiException e) {
        response.setStatusCode(HttpStatus.BAD_REQUEST);
        return false;
      }
      var segments = uri.getPathSegments();
      attributes.put(SessionSocketHandler.SESSION_ID, segments.getLast());
      return true;
    }

    @Override
    public void afterHandshake(
        ServerHttpRequest request,
        ServerHttpResponse response,
        WebSocketHandler handler,
        Exception exception) {}
  }
}
