package dev.parley.voice.tts.cloud;

import dev.parley.http.BlockingHttpClient;
import dev.parley.http.Request;
import dev.parley.http.Spares;
import dev.parley.voice.VoiceException;
import dev.parley.voice.audio.AudioFormat;
import dev.parley.voice.tts.AudioListener;
import dev.parley.voice.tts.SpeechRequest;
import dev.parley.voice.tts.SpeechStream;
import dev.parley.voice.tts.TextToSpeech;
import dev.parley.voice.tts.TtsInfo;
import java.net.URI;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the three cloud adapters share: a vendor answers one HTTP POST per sentence with raw PCM16
 * streamed in the response body. Subclasses say how to ask. Connections are kept alive between
 * sentences by a {@link BlockingHttpClient}, which sends from the speaking thread itself.
 */
abstract class HttpSpeechEngine implements TextToSpeech {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String provider;
  private final AudioFormat format;
  private final CloudTtsProperties.Vendor vendor;
  private final VendorErrors errors;
  private final BlockingHttpClient client;
  private final Spares<StreamingSpeech.ReadBuffers> readBuffers;

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
    int readBytes = StreamingSpeech.readBytes(format);
    this.client = new BlockingHttpClient(timeouts.connect(), readBytes);
    this.readBuffers = new Spares<>(1_024, () -> StreamingSpeech.ReadBuffers.of(readBytes));
  }

  @Override
  public TtsInfo info() {
    return new TtsInfo(provider, vendor.model());
  }

  @Override
  public SpeechStream speak(SpeechRequest request, AudioListener listener) {
    var stream = new StreamingSpeech(listener, format, errors, readBuffers);
    if (!vendor.hasApiKey()) {
      stream.failLater(errors.notConfigured());
      return stream;
    }
    Request http;
    try {
      var uri = URI.create(vendor.baseUrl() + path(request));
      http =
          Request.post(uri, JSON.writeValueAsBytes(body(request)))
              .header("Content-Type", "application/json")
              .header("Accept", accept())
              .readTimeout(errors.timeout());
      authorize(http, vendor.apiKey());
    } catch (VoiceException e) {
      stream.failLater(e);
      return stream;
    }
    stream.start(client.exchange(http));
    return stream;
  }

  CloudTtsProperties.Vendor vendor() {
    return vendor;
  }

  /** Path and query after the base URL, e.g. {@code /audio/speech}. */
  abstract String path(SpeechRequest request);

  abstract ObjectNode body(SpeechRequest request);

  abstract void authorize(Request request, String apiKey);

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
