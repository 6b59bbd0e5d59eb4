package dev.parley.voice.stt.cloud;

import dev.parley.http.WebSocketClient;
import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import dev.parley.voice.audio.AudioFormat;
import dev.parley.voice.stt.SpeechToText;
import dev.parley.voice.stt.SttInfo;
import dev.parley.voice.stt.TranscriptListener;
import dev.parley.voice.stt.Transcription;
import dev.parley.voice.stt.TranscriptionOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Deepgram live transcription over one WebSocket per utterance ({@code GET /v1/listen}): raw PCM16
 * in binary frames, interim and final {@code Results} back.
 */
final class DeepgramSpeechToText implements SpeechToText {

  static final String PROVIDER = "deepgram";

  /** Languages of Deepgram's Nova-3 models (its changelog up to March 2026). */
  private static final Set<String> LANGUAGES =
      Set.of(
          "en", "es", "fr", "pt", "de", "nl", "sv", "da", "it", "tr", "no", "id", "bg", "cs", "fi",
          "hi", "hu", "ja", "ko", "pl", "ru", "uk", "vi", "ca", "et", "el", "lv", "lt", "ms", "ro",
          "sk", "be", "bn", "bs", "hr", "kn", "mk", "mr", "sr", "sl", "ta", "tl", "te", "zh", "th");

  /** Regional variants Deepgram names; any other tag is sent as its bare language. */
  private static final Set<String> REGIONAL_CODES =
      Set.of(
          "en-us", "en-gb", "en-au", "en-in", "en-nz", "es-419", "fr-ca", "pt-br", "pt-pt", "de-ch",
          "nl-be", "sv-se", "da-dk", "ko-kr", "zh-cn", "zh-tw", "zh-hk", "th-th");

  private final DeepgramProperties properties;
  private final WebSocketClient webSockets;
  private final ProviderErrors errors;

  DeepgramSpeechToText(DeepgramProperties properties, WebSocketClient webSockets) {
    this.properties = properties;
    this.webSockets = webSockets;
    this.errors = new ProviderErrors(PROVIDER, properties.baseUrl());
  }

  @Override
  public SttInfo info() {
    return new SttInfo(PROVIDER, properties.model());
  }

  @Override
  public boolean supports(String language) {
    return LANGUAGES.contains(Languages.primary(language));
  }

  @Override
  public Transcription open(TranscriptionOptions options, TranscriptListener listener) {
    if (!supports(options.language())) {
      listener.onError(
          new VoiceException(
              VoiceErrorCode.UNSUPPORTED_LANGUAGE,
              "Deepgram does not transcribe '%s'.".formatted(options.language())));
      return Transcriptions.NONE;
    }
    return DeepgramTranscription.connect(
        webSockets, listenUri(options), properties, errors, options.partials(), listener);
  }

  URI listenUri(TranscriptionOptions options) {
    var query = new LinkedHashMap<String, String>();
    query.put("model", properties.model());
    query.put("encoding", "linear16");
    query.put("sample_rate", Integer.toString(AudioFormat.PIPELINE_RATE));
    query.put("channels", "1");
    query.put("interim_results", Boolean.toString(options.partials()));
    query.put("language", deepgramLanguage(options.language()));
    query.put("punctuate", "true");
    query.put("smart_format", "true");
    var base = properties.baseUrl().replaceFirst("^http", "ws");
    return URI.create(
        base
            + "/listen?"
            + query.entrySet().stream()
                .map(
                    e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
  }

  private static String deepgramLanguage(String tag) {
    var normalised = tag.trim().replace('_', '-').toLowerCase(Locale.ROOT);
    return REGIONAL_CODES.contains(normalised) ? tag.trim() : Languages.primary(tag);
  }
}
