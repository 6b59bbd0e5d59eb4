package dev.parley.voice.tts.cloud;

import dev.parley.voice.VoiceException;
import dev.parley.voice.audio.AudioFormat;
import dev.parley.voice.tts.AudioListener;
import dev.parley.voice.tts.SpeechRequest;
import dev.parley.voice.tts.SpeechStream;
import dev.parley.voice.tts.TextToSpeech;
import dev.parley.voice.tts.TtsInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.Locale;
import java.util.concurrent.Executors;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the three cloud adapters share: a vendor answers one HTTP POST per sentence with raw PCM16
 * streamed in the response body. Subclasses say how to ask.
 */
abstract class HttpSpeechEngine implements TextToSpeech {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String provider;
  private final AudioFormat format;
  private final CloudTtsProperties.Vendor vendor;
  private final VendorErrors errors;
  private final HttpClient client;

  HttpSpeechEngine(
      String provider,
      String vendorName,
      AudioFormat format,
      CloudTtsProperties.Vendor vendor,
      CloudTtsProperties.Timeouts timeouts) {
    this.provider = provider;
    this.format = format;
    this.vendor = vendor;
    this.errors = new VendorErrors(provider, vendorName, vendor.baseUrl(), timeouts.total());
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeouts.connect())
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
  }

  @Override
  public TtsInfo info() {
    return new TtsInfo(provider, vendor.model());
  }

  @Override
  public SpeechStream speak(SpeechRequest request, AudioListener listener) {
    var stream = new StreamingSpeech(listener, format, errors);
    if (!vendor.hasApiKey()) {
      stream.failLater(errors.notConfigured());
      return stream;
    }
    HttpRequest http;
    try {
      var uri = URI.create(vendor.baseUrl() + path(request));
      var builder =
          HttpRequest.newBuilder(uri)
              .timeout(errors.timeout())
              .header("Content-Type", "application/json")
              .header("Accept", accept())
              .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body(request))));
      if ("http".equalsIgnoreCase(uri.getScheme())) {
        // Cleartext HTTP/2 upgrades delay the first byte for nothing; vendors use TLS anyway.
        builder.version(HttpClient.Version.HTTP_1_1);
      }
      authorize(builder, vendor.apiKey());
      http = builder.build();
    } catch (VoiceException e) {
      stream.failLater(e);
      return stream;
    }
    stream.start(client, http);
    return stream;
  }

  CloudTtsProperties.Vendor vendor() {
    return vendor;
  }

  /** Path and query after the base URL, e.g. {@code /audio/speech}. */
  abstract String path(SpeechRequest request);

  abstract ObjectNode body(SpeechRequest request);

  abstract void authorize(HttpRequest.Builder request, String apiKey);

  String accept() {
    return "audio/pcm";
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** {@code rate} within what the vendor takes. */
  static double clamp(double rate, double min, double max) {
    return Math.max(min, Math.min(max, rate));
  }

  static String lower(Object value) {
    return value.toString().toLowerCase(Locale.ROOT);
  }
}
