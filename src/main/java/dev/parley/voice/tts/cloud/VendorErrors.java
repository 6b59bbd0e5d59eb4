package dev.parley.voice.tts.cloud;

import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns what a vendor answered, or how the call failed, into a {@link VoiceException} whose message
 * names the setting to check, e.g. {@code PARLEY_VOICE_TTS_OPENAI_API_KEY}.
 *
 * @param provider the {@code parley.voice.tts.provider} value, e.g. {@code openai}
 * @param vendor the vendor's name for people, e.g. {@code OpenAI}
 */
record VendorErrors(String provider, String vendor, String baseUrl, Duration timeout) {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int MAX_DETAIL_CHARS = 300;

  /** Where OpenAI, ElevenLabs, Deepgram and generic gateways put their explanation. */
  private static final String[][] ERROR_PATHS = {
    {"error", "message"}, {"detail", "message"}, {"err_msg"}, {"detail"}, {"message"}, {"error"}
  };

  String apiKeyVariable() {
    return "PARLEY_VOICE_TTS_" + provider.toUpperCase(Locale.ROOT) + "_API_KEY";
  }

  String apiKeyProperty() {
    return "parley.voice.tts." + provider + ".api-key";
  }

  String baseUrlProperty() {
    return "parley.voice.tts." + provider + ".base-url";
  }

  VoiceException notConfigured() {
    return new VoiceException(
        VoiceErrorCode.MODEL_NOT_CONFIGURED,
        "%s speech needs an API key: set %s (%s)."
            .formatted(vendor, apiKeyVariable(), apiKeyProperty()));
  }

  VoiceException forStatus(int status, String body) {
    var detail = detail(body);
    return switch (status) {
      case 401, 403 ->
          new VoiceException(
              VoiceErrorCode.PROVIDER_ERROR,
              "%s rejected the API key (HTTP %d: %s). Check %s (%s)."
                  .formatted(vendor, status, detail, apiKeyVariable(), apiKeyProperty()));
      case 429 ->
          new VoiceException(
              VoiceErrorCode.RATE_LIMITED,
              "%s is rate limiting or out of quota (HTTP 429: %s).".formatted(vendor, detail));
      case 408 ->
          new VoiceException(
              VoiceErrorCode.TIMEOUT, "%s timed out (HTTP 408: %s).".formatted(vendor, detail));
      default ->
          status >= 500
              ? new VoiceException(
                  VoiceErrorCode.PROVIDER_UNAVAILABLE,
                  "%s at %s is unavailable (HTTP %d: %s)."
                      .formatted(vendor, baseUrl, status, detail))
              : new VoiceException(
                  VoiceErrorCode.PROVIDER_ERROR,
                  "%s refused the request (HTTP %d: %s).".formatted(vendor, status, detail));
    };
  }

  VoiceException timedOut() {
    return new VoiceException(
        VoiceErrorCode.TIMEOUT,
        ("%s did not finish speaking within %s."
                + " Raise PARLEY_VOICE_TTS_TIMEOUT (parley.voice.tts.timeout) or try again.")
            .formatted(vendor, timeout));
  }

  VoiceException forFailure(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof VoiceException voice) {
        return voice;
      }
      if (cause instanceof SocketTimeoutException) {
        return timedOut();
      }
      if (!(cause instanceof ExecutionException || cause instanceof CompletionException)
          && (cause instanceof IOException || cause instanceof UnresolvedAddressException)) {
        return new VoiceException(
            VoiceErrorCode.PROVIDER_UNAVAILABLE,
            "Could not reach %s at %s (%s). Check the network or %s."
                .formatted(vendor, baseUrl, describe(cause), baseUrlProperty()),
            error);
      }
    }
    return new VoiceException(
        VoiceErrorCode.PROVIDER_ERROR,
        "%s speech failed: %s".formatted(vendor, describe(error)),
        error);
  }

  /** The vendor's own explanation from an error body, whichever of the usual shapes it takes. */
  static String detail(String body) {
    if (body == null || body.isBlank()) {
      return "no details";
    }
    try {
      var json = JSON.readTree(body);
      for (var path : ERROR_PATHS) {
        JsonNode node = json;
        for (var field : path) {
          node = node.path(field);
        }
        if (node.isString() && !node.asString().isBlank()) {
          return shorten(node.asString());
        }
      }
    } catch (JacksonException notJson) {
      // Proxies and load balancers answer in HTML or plain text; show it as it is.
    }
    return shorten(body.strip());
  }

  private static String describe(Throwable error) {
    var message = error.getMessage();
    return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
  }

  private static String shorten(String text) {
    return text.length() <= MAX_DETAIL_CHARS ? text : text.substring(0, MAX_DETAIL_CHARS) + "...";
  }
}
