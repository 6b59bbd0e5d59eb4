package dev.parley.voice.stt.cloud;

import dev.parley.http.WebSocketHandshakeException;
import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import java.io.IOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/**
 * Turns HTTP statuses and I/O failures of a speech provider into {@link VoiceException}s whose
 * message names the setting to check, e.g. {@code PARLEY_VOICE_STT_DEEPGRAM_API_KEY}.
 *
 * @param provider the {@code parley.voice.stt.provider} value, e.g. {@code deepgram}
 */
record ProviderErrors(String provider, String baseUrl) {

  private static final int MAX_BODY_CHARS = 300;

  VoiceException forStatus(int status, String body) {
    var detail = "HTTP " + status + abbreviate(body);
    if (status == 401 || status == 403) {
      return new VoiceException(
          VoiceErrorCode.PROVIDER_ERROR,
          "The %s speech-to-text provider refused the API key (%s). Check %s."
              .formatted(provider, detail, Settings.setting(provider, "api-key")));
    }
    if (status == 429) {
      return new VoiceException(
          VoiceErrorCode.RATE_LIMITED,
          "The %s speech-to-text provider is rate limiting requests (%s). Wait and retry, or raise the quota of the key in %s."
              .formatted(provider, detail, Settings.setting(provider, "api-key")));
    }
    if (status == 408 || status == 504) {
      return new VoiceException(
          VoiceErrorCode.TIMEOUT,
          "The %s speech-to-text provider timed out (%s).".formatted(provider, detail));
    }
    if (status >= 500) {
      return new VoiceException(
          VoiceErrorCode.PROVIDER_UNAVAILABLE,
          "The %s speech-to-text provider at %s is unavailable (%s). Try again later."
              .formatted(provider, baseUrl, detail));
    }
    return new VoiceException(
        VoiceErrorCode.PROVIDER_ERROR,
        "The %s speech-to-text provider rejected the request (%s). Check %s and %s."
            .formatted(
                provider,
                detail,
                Settings.setting(provider, "model"),
                Settings.setting(provider, "base-url")));
  }

  VoiceException forFailure(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof VoiceException voice) {
        return voice;
      }
      if (cause instanceof WebSocketHandshakeException handshake) {
        return forStatus(handshake.status(), handshake.body());
      }
      if (cause instanceof HttpTimeoutException
          && !(cause instanceof HttpConnectTimeoutException)) {
        return new VoiceException(
            VoiceErrorCode.TIMEOUT,
            "The %s speech-to-text provider at %s did not answer in time. Raise %s or try again."
                .formatted(provider, baseUrl, Settings.setting(provider, "timeout")),
            error);
      }
      if (cause instanceof IOException || cause instanceof UnresolvedAddressException) {
        return new VoiceException(
            VoiceErrorCode.PROVIDER_UNAVAILABLE,
            "Could not reach the %s speech-to-text provider at %s (%s). Check %s."
                .formatted(
                    provider, baseUrl, describe(cause), Settings.setting(provider, "base-url")),
            error);
      }
    }
    return new VoiceException(
        VoiceErrorCode.PROVIDER_ERROR,
        "The %s speech-to-text provider failed: %s".formatted(provider, describe(error)),
        error);
  }

  VoiceException timeout(String waitingFor) {
    return new VoiceException(
        VoiceErrorCode.TIMEOUT,
        "The %s speech-to-text provider at %s did not send %s in time. Raise %s or try again."
            .formatted(provider, baseUrl, waitingFor, Settings.setting(provider, "timeout")));
  }

  private static String describe(Throwable error) {
    var message = error.getMessage();
    return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static String abbreviate(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    var flat = body.strip().replaceAll("\\s+", " ");
    return ": " + (flat.length() > MAX_BODY_CHARS ? flat.substring(0, MAX_BODY_CHARS) + "…" : flat);
  }
}
