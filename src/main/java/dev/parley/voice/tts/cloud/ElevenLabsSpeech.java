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
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * ElevenLabs streaming: {@code POST {base-url}/v1/text-to-speech/{voice_id}/stream
 * ?output_format=pcm_16000} answers raw 16 kHz PCM16 little-endian mono as it is generated. The
 * premade voices are multilingual; the v2.5 models speak 32 languages and take a {@code
 * language_code} that keeps short sentences from being read in the wrong one.
 */
final class ElevenLabsSpeech extends HttpSpeechEngine {

  static final String DEFAULT_MODEL = "eleven_flash_v2_5";
  static final AudioFormat FORMAT = AudioFormat.PIPELINE;

  /** Premade voices: Rachel, Sarah; Adam, George. Any of them speaks every supported language. */
  private static final Map<Gender, List<String>> DEFAULTS =
      Map.of(
          Gender.FEMALE, List.of("21m00Tcm4TlvDq8ikWAM", "EXAVITQu4vr4xnSDxMaL"),
          Gender.MALE, List.of("pNInz6obpgDQGcFmaJgB", "JBFqnCBsd6RMkjVDRZzb"),
          Gender.NEUTRAL, List.of("21m00Tcm4TlvDq8ikWAM", "pNInz6obpgDQGcFmaJgB"));

  /** Languages of Flash and Turbo v2.5, ISO 639-1 (and {@code fil}). */
  private static final Set<String> V2_5_LANGUAGES =
      Set.of(
          "en", "ja", "zh", "de", "hi", "fr", "ko", "pt", "it", "es", "id", "nl", "tr", "fil", "pl",
          "sv", "bg", "ro", "ar", "cs", "el", "fi", "hr", "ms", "sk", "da", "ta", "uk", "ru", "hu",
          "no", "vi");

  private static final Pattern VOICE_ID = Pattern.compile("[A-Za-z0-9]{20}");

  private final VoiceChooser voices;

  ElevenLabsSpeech(CloudTtsProperties.Vendor vendor, CloudTtsProperties.Timeouts timeouts) {
    super("elevenlabs", "ElevenLabs", FORMAT, vendor, timeouts);
    this.voices = new VoiceChooser(vendor.voices());
  }

  @Override
  String path(SpeechRequest request) {
    return "/v1/text-to-speech/"
        + URLEncoder.encode(voice(request), StandardCharsets.UTF_8)
        + "/stream?output_format=pcm_"
        + FORMAT.sampleRate();
  }

  @Override
  ObjectNode body(SpeechRequest request) {
    var body = object().put("text", request.text()).put("model_id", vendor().model());
    if (isV2_5()) {
      var language = VoiceChooser.primaryLanguage(request.language());
      if (!V2_5_LANGUAGES.contains(language)) {
        throw new VoiceException(
            VoiceErrorCode.UNSUPPORTED_LANGUAGE,
            "ElevenLabs %s does not speak %s; choose another model in parley.voice.tts.elevenlabs.model."
                .formatted(vendor().model(), request.language()));
      }
      body.put("language_code", language);
    }
    if (request.rate() != 1.0) {
      body.putObject("voice_settings").put("speed", clamp(request.rate(), 0.7, 1.2));
    }
    return body;
  }

  @Override
  void authorize(Request request, String apiKey) {
    request.header("xi-api-key", apiKey);
  }

  String voice(SpeechRequest request) {
    var hint = request.voice() == null ? "" : request.voice().trim();
    if (VOICE_ID.matcher(hint).matches()) {
      return hint;
    }
    return voices
        .configured(request)
        .orElseGet(() -> VoiceChooser.pick(DEFAULTS.get(request.gender()), request));
  }

  private boolean isV2_5() {
    return vendor().model().endsWith("_v2_5");
  }
}
