package dev.parley.testing;

import java.util.regex.Pattern;

/**
 * ElevenLabs streaming ({@code POST /v1/text-to-speech/{voice_id}/stream?output_format=pcm_16000},
 * header {@code xi-api-key}): a JSON body with {@code text}, {@code model_id} and optional {@code
 * voice_settings}, {@code language_code}; a {@code pcm_<rate>} output format streams raw PCM16
 * little-endian mono at that rate.
 */
public class FakeElevenLabsServer extends FakeSpeechServer {

  private static final Pattern STREAM_PATH = Pattern.compile("/v1/text-to-speech/([^/]+)/stream");

  protected FakeElevenLabsServer() {
    super("/v1/text-to-speech/");
  }

  public static FakeElevenLabsServer start() {
    return new FakeElevenLabsServer();
  }

  /** The host alone: the client adds {@code /v1/...}. */
  @Override
  public String baseUrl() {
    return root();
  }

  /** The voice id in a recorded request's path. */
  public static String voiceId(RecordedRequest request) {
    var matcher = STREAM_PATH.matcher(request.path());
    return matcher.matches() ? matcher.group(1) : null;
  }

  @Override
  protected boolean authenticated(RecordedRequest request) {
    var key = request.header("xi-api-key");
    return key != null && !key.isBlank();
  }

  @Override
  protected Rejection validate(RecordedRequest request) {
    if (!"POST".equals(request.method()) || voiceId(request) == null) {
      return new Rejection(404, "Unknown endpoint " + request.path());
    }
    if (isBlank(request.json().get("text"))) {
      return new Rejection(422, "Field required: text");
    }
    var format = request.query("output_format");
    if (format == null || !format.matches("pcm_(8000|16000|22050|24000|44100|48000)")) {
      return new Rejection(400, "This fake streams pcm_<rate> output formats only, got " + format);
    }
    var speed = request.json().path("voice_settings").path("speed");
    if (!speed.isMissingNode() && (speed.asDouble() < 0.7 || speed.asDouble() > 1.2)) {
      return new Rejection(422, "voice_settings.speed must be between 0.7 and 1.2");
    }
    return null;
  }

  @Override
  protected String text(RecordedRequest request) {
    return request.json().path("text").asString();
  }

  @Override
  protected int sampleRate(RecordedRequest request) {
    return Integer.parseInt(request.query("output_format").substring("pcm_".length()));
  }

  @Override
  protected String contentType(RecordedRequest request) {
    return "application/octet-stream";
  }

  @Override
  protected String errorBody(int status, String message) {
    var kind =
        switch (status) {
          case 401 -> "invalid_api_key";
          case 429 -> "too_many_concurrent_requests";
          default -> status >= 500 ? "internal_error" : "invalid_request";
        };
    return json(obj("detail", obj("status", kind, "message", message)));
  }
}
