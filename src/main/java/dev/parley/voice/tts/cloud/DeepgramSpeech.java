package dev.parley.voice.tts.cloud;

import dev.parley.character.Gender;
import dev.parley.http.Request;
import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import dev.parley.voice.audio.AudioFormat;
import dev.parley.voice.tts.SpeechRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * Deepgram Aura: {@code POST {base-url}/v1/speak?model=aura-2-thalia-en&encoding=linear16
 * &sample_rate=16000&container=none} answers raw PCM16 as it is generated. Each voice speaks one
 * language; Parley ships English and Spanish voices and takes others (Aura-2 also has German,
 * French, Dutch, Italian and Japanese) from {@code parley.voice.tts.deepgram.voices}.
 */
final class DeepgramSpeech extends HttpSpeechEngine {

  static final String DEFAULT_MODEL = "aura-2";
  static final AudioFormat FORMAT = AudioFormat.PIPELINE;

  /** Voice names by language and gender; the model is {@code {family}-{name}-{language}}. */
  private static final Map<String, Map<Gender, List<String>>> DEFAULTS =
      Map.of(
          "en",
          Map.of(
              Gender.FEMALE, List.of("thalia", "luna", "athena"),
              Gender.MALE, List.of("apollo", "orion", "arcas"),
              Gender.NEUTRAL, List.of("thalia", "apollo")),
          "es",
          Map.of(
              Gender.FEMALE, List.of("celeste", "estrella", "diana"),
              Gender.MALE, List.of("nestor", "alvaro", "javier"),
              Gender.NEUTRAL, List.of("celeste", "nestor")));

  private final VoiceChooser voices;

  DeepgramSpeech(CloudTtsProperties.Vendor vendor, CloudTtsProperties.Timeouts timeouts) {
    super("deepgram", "Deepgram", FORMAT, vendor, timeouts);
    this.voices = new VoiceChooser(vendor.voices());
  }

  @Override
  String path(SpeechRequest request) {
    var query =
        "/v1/speak?model="
            + URLEncoder.encode(model(request), StandardCharsets.UTF_8)
            + "&encoding=linear16&sample_rate="
            + FORMAT.sampleRate()
            + "&container=none";
    // Speed is a newer control; leaving it out at the normal rate keeps every account working.
    return request.rate() == 1.0 ? query : query + "&speed=" + clamp(request.rate(), 0.7, 1.5);
  }

  @Override
  ObjectNode body(SpeechRequest request) {
    return object().put("text", request.text());
  }

  @Override
  void authorize(Request request, String apiKey) {
    request.header("Authorization", "Token " + apiKey);
  }

  @Override
  String accept() {
    return "audio/*";
  }

  String model(SpeechRequest request) {
    var hint = request.voice() == null ? "" : lower(request.voice().trim());
    if (hint.startsWith("aura-")) {
      return hint;
    }
    var configured = voices.configured(request);
    if (configured.isPresent()) {
      return configured.get();
    }
    var language = VoiceChooser.primaryLanguage(request.language());
    var byGender = DEFAULTS.get(language);
    if (byGender == null) {
      throw new VoiceException(
          VoiceErrorCode.UNSUPPORTED_LANGUAGE,
          ("Deepgram has no default voice for %s. Map one in parley.voice.tts.deepgram.voices"
                  + " (e.g. %s-female: aura-2-<name>-%s) if Aura speaks it.")
              .formatted(request.language(), language, language));
    }
    var name = VoiceChooser.pick(byGender.get(request.gender()), request);
    return vendor().model() + "-" + name + "-" + language;
  }
}
