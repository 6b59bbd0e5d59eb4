package dev.parley.voice.tts.cloud;

import dev.parley.character.Gender;
import dev.parley.http.Request;
import dev.parley.voice.audio.AudioFormat;
import dev.parley.voice.tts.SpeechRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI speech: {@code POST {base-url}/audio/speech} with {@code response_format: "pcm"} answers
 * raw 24 kHz PCM16 little-endian mono, streamed as it is generated. The voices speak every language
 * the model knows, so no language is refused here.
 */
final class OpenAiSpeech extends HttpSpeechEngine {

  static final String DEFAULT_MODEL = "gpt-4o-mini-tts";
  static final AudioFormat FORMAT = new AudioFormat(24_000);

  /** Built-in voices, so a hint that already names one is taken as it is. */
  private static final Set<String> VOICES =
      Set.of(
          "alloy", "ash", "ballad", "coral", "echo", "fable", "nova", "onyx", "sage", "shimmer",
          "verse", "marin", "cedar");

  private static final Map<Gender, List<String>> DEFAULTS =
      Map.of(
          Gender.FEMALE, List.of("nova", "shimmer", "coral"),
          Gender.MALE, List.of("onyx", "echo", "ash"),
          Gender.NEUTRAL, List.of("alloy", "sage"));

  private final VoiceChooser voices;

  OpenAiSpeech(CloudTtsProperties.Vendor vendor, CloudTtsProperties.Timeouts timeouts) {
    super("openai", "OpenAI", FORMAT, vendor, timeouts);
    this.voices = new VoiceChooser(vendor.voices());
  }

  @Override
  String path(SpeechRequest request) {
    return "/audio/speech";
  }

  @Override
  ObjectNode body(SpeechRequest request) {
    return object()
        .put("model", vendor().model())
        .put("input", request.text())
        .put("voice", voice(request))
        .put("response_format", "pcm")
        .put("speed", clamp(request.rate(), 0.25, 4.0));
  }

  @Override
  void authorize(Request request, String apiKey) {
    request.header("Authorization", "Bearer " + apiKey);
  }

  String voice(SpeechRequest request) {
    var hint = request.voice() == null ? "" : lower(request.voice().trim());
    if (VOICES.contains(hint)) {
      return hint;
    }
    return voices
        .configured(request)
        .orElseGet(() -> VoiceChooser.pick(DEFAULTS.get(request.gender()), request));
  }
}
