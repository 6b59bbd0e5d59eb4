package dev.parley.conversation;

import dev.parley.learner.LearnerResolver;
import dev.parley.voice.stt.SpeechToText;
import dev.parley.voice.tts.TextToSpeech;
import dev.parley.voice.vad.TurnDetectorFactory;
import dev.parley.web.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
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
import org.springframework.web.socket.server.jetty.JettyRequestUpgradeStrategy;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSocket
class SessionSocketConfig implements WebSocketConfigurer {

  /**
   * Jetty (through Spring's {@link JettyRequestUpgradeStrategy}) hands the handler whole messages
   * and closes the socket with 1009 beyond these limits, so they sit well above what the handler
   * accepts: 65,536 characters of UTF-8 text are at most 256 KiB, and the largest audio frame
   * accepted is 200 ms (19,200 bytes at 48 kHz). Anything between the handler's limits and these
   * gets an error event and the socket stays open. Nothing is allocated up front for them: Jetty
   * reads into pooled 4 KiB buffers and only gathers a message that arrives in several frames.
   */
  private static final long MAX_MESSAGE_BYTES = 256 * 1024;

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
    var upgrade = new JettyRequestUpgradeStrategy();
    upgrade.addWebSocketConfigurer(
        socket -> {
          socket.setMaxTextMessageSize(MAX_MESSAGE_BYTES);
          socket.setMaxBinaryMessageSize(MAX_MESSAGE_BYTES);
        });
    registry
        .addHandler(
            new SessionSocketHandler(conversations, properties, voice, json, open, extensions),
            "/ws/sessions/{id}")
        .setHandshakeHandler(new DefaultHandshakeHandler(upgrade))
        .addInterceptors(new LearnerHandshake());
  }

  /**
   * The HTTP connection of a WebSocket's handshake stays reachable for the life of the socket, and
   * with it Jetty's HTTP parser and its header cache: a 96 KiB trie per connection, more than all
   * the rest of an idle session (docs/performance.md (i)). REST requests parse their few headers
   * as well without it.
   */
  @Bean
  WebServerFactoryCustomizer<JettyServletWebServerFactory> noHttpHeaderCache() {
    return factory ->
        factory.addServerCustomizers(
            server -> {
              for (var connector : server.getConnectors()) {
                var http = connector.getConnectionFactory(HttpConnectionFactory.class);
                if (http != null) {
                  http.getHttpConfiguration().setHeaderCacheSize(0);
                }
              }
            });
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
