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
   * Tomcat's 8 KiB default is too small for the largest accepted frame, 200 ms at 48 kHz (19,200
   * bytes); larger frames arrive in parts and are refused by the voice session without closing the
   * connection. Tomcat allocates this buffer for every connection up front, so it is what an idle
   * session costs: keep it just above the largest frame (docs/performance.md).
   */
  private static final int MAX_BINARY_BUFFER = 32 * 1024;

  /**
   * Text frames larger than this arrive in parts (see SessionSocketHandler); events are far
   * smaller, and this buffer too is allocated per connection.
   */
  private static final int MAX_TEXT_BUFFER = 8 * 1024;

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
