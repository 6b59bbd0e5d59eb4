package dev.parley.testing;

import java.util.Set;

/**
 * Deepgram Aura ({@code POST /v1/speak?model=aura-2-thalia-en&encoding=linear16&sample_rate=16000
 * &container=none}, {@code Authorization: Token}): a JSON body with {@code text}; the answer is raw
 * PCM16 little-endian mono at the requested rate, streamed.
 */
public class FakeDeepgramSpeakServer extends FakeSpeechServer {

  private static final Set<String> RATES = Set.of("8000", "16000", "24000", "32000", "48000");

  protected FakeDeepgramSpeakServer() {
    super("/v1/speak");
  }

  public static FakeDeepgramSpeakServer start() {
    return new FakeDeepgramSpeakServer();
  }

  /** The host alone: the client adds {@code /v1/speak}. */
  @Override
  public String baseUrl() {
    return root();
  }

  @Override
  protected boolean authenticated(RecordedRequest request) {
    var auth = request.header("Authorization");
    return auth != null && auth.startsWith("Token ") && auth.length() > "Token ".length();
  }

  @Override
  protected Rejection validate(RecordedRequest request) {
    if (!"POST".equals(request.method()) || !request.path().equals("/v1/speak")) {
      return new Rejection(404, "Unknown endpoint " + request.path());
    }
    if (isBlank(request.json().get("text"))) {
      return new Rejection(400, "Request body must contain a 'text' field.");
    }
    var model = request.query("model");
    if (model == null || !model.startsWith("aura-")) {
      return new Rejection(400, "Unknown model " + model);
    }
    if (!"linear16".equals(request.query("encoding"))
        || !"none".equals(request.query("container"))
        || !RATES.contains(request.query("sample_rate"))) {
      return new Rejection(400, "This fake streams encoding=linear16, container=none only.");
    }
    var speed = request.query("speed");
    if (speed != null && (Double.parseDouble(speed) < 0.7 || Double.parseDouble(speed) > 1.5)) {
      return new Rejection(400, "speed must be between 0.7 and 1.5");
    }
    return null;
  }

  @Override
  protected String text(RecordedRequest request) {
    return request.json().path("text").asString();
  }

  @Override
  protected int sampleRate(RecordedRequest request) {
    return Integer.parseInt(request.query("sample_rate"));
  }

  @Override
  protected String errorBody(int status, String message) {
    var code =
        switch (status) {
          case 401, 403 -> "INVALID_AUTH";
          case 429 -> "TOO_MANY_REQUESTS";
          default -> status >= 500 ? "INTERNAL_SERVER_ERROR" : "Bad Request";
        };
    return json(obj("err_code", code, "err_msg", message, "request_id", "fake-request"));
  }
}
