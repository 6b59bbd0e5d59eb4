package dev.parley.testing;

/**
 * OpenAI speech ({@code POST /v1/audio/speech}, {@code Authorization: Bearer}): a JSON body with
 * {@code model}, {@code input}, {@code voice}, {@code response_format} and {@code speed}; with
 * {@code response_format: "pcm"} the answer is raw 24 kHz PCM16 little-endian mono, streamed.
 */
public class FakeOpenAiSpeechServer extends FakeSpeechServer {

  protected FakeOpenAiSpeechServer() {
    super("/v1/audio/speech");
  }

  public static FakeOpenAiSpeechServer start() {
    return new FakeOpenAiSpeechServer();
  }

  /** Ends in {@code /v1}, as OpenAI clients expect. */
  @Override
  public String baseUrl() {
    return root() + "/v1";
  }

  @Override
  protected boolean authenticated(RecordedRequest request) {
    var auth = request.header("Authorization");
    return auth != null && auth.startsWith("Bearer ") && auth.length() > "Bearer ".length();
  }

  @Override
  protected Rejection validate(RecordedRequest request) {
    var body = request.json();
    if (!"POST".equals(request.method()) || !request.path().equals("/v1/audio/speech")) {
      return new Rejection(404, "Unknown endpoint " + request.path());
    }
    for (var field : new String[] {"model", "input", "voice"}) {
      if (isBlank(body.get(field))) {
        return new Rejection(400, "Missing required parameter: '" + field + "'.");
      }
    }
    if (!"pcm".equals(body.path("response_format").asString(""))) {
      return new Rejection(400, "This fake streams response_format 'pcm' only.");
    }
    double speed = body.path("speed").asDouble(1.0);
    if (speed < 0.25 || speed > 4.0) {
      return new Rejection(400, "speed must be between 0.25 and 4.0");
    }
    return null;
  }

  @Override
  protected String text(RecordedRequest request) {
    return request.json().path("input").asString();
  }

  @Override
  protected int sampleRate(RecordedRequest request) {
    return 24_000;
  }

  @Override
  protected String errorBody(int status, String message) {
    var type =
        status == 429
            ? "rate_limit_exceeded"
            : status >= 500
                ? "server_error"
                : status == 401 ? "invalid_api_key" : "invalid_request_error";
    return json(obj("error", obj("message", message, "type", type, "param", null, "code", null)));
  }
}
