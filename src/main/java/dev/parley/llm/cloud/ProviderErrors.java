package dev.parley.llm.cloud;

import dev.langchain4j.exception.HttpException;
import dev.parley.llm.LlmErrorCode;
import dev.parley.llm.LlmException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;

/**
 * Turns whatever a provider's client reports (an HTTP status, an I/O failure, an error inside the
 * stream) into an {@link LlmException} whose message names the setting to check, e.g. {@code
 * PARLEY_LLM_OPENAI_API_KEY}.
 *
 * @param provider the {@code parley.llm.provider} value, e.g. {@code openai}
 */
record ProviderErrors(String provider, String baseUrl, String model) {

  private static final int MAX_BODY_CHARS = 300;

  LlmException map(Throwable error) {
    if (error instanceof LlmException llm) {
      return llm;
    }
    for (Throwable cause = error; cause != null; cause = next(cause)) {
      if (cause instanceof HttpException http) {
        return forStatus(http.statusCode(), http.getMessage(), error);
      }
      if (cause instanceof dev.langchain4j.exception.TimeoutException
          || cause instanceof java.util.concurrent.TimeoutException
          || cause instanceof SocketTimeoutException
          || (cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException))) {
        return new LlmException(
            LlmErrorCode.TIMEOUT,
            "The %s provider at %s did not answer in time. Raise PARLEY_LLM_TIMEOUT (parley.llm.timeout) or try again."
                .formatted(provider, baseUrl),
            error);
      }
      if (cause instanceof IOException || cause instanceof UnresolvedAddressException) {
        return new LlmException(
            LlmErrorCode.PROVIDER_UNAVAILABLE,
            "Could not reach the %s provider at %s (%s). Check %s."
                .formatted(provider, baseUrl, describe(cause), setting("base-url")),
            error);
      }
    }
    return new LlmException(
        LlmErrorCode.PROVIDER_ERROR,
        "The %s provider failed: %s".formatted(provider, describe(error)),
        error);
  }

  /** A response whose status is not 2xx, with the start of its body. */
  LlmException forStatus(int status, String body) {
    return forStatus(status, body, null);
  }

  /**
   * An error object sent inside a stream that had started well, e.g. OpenAI's {@code
   * server_error} when generation fails halfway.
   *
   * @param type the error's {@code type} or {@code code}; may be null
   */
  LlmException inStream(String message, String type) {
    var kind = type == null ? "" : type.toLowerCase(Locale.ROOT);
    var detail = message + (type == null ? "" : " (" + type + ")");
    if (kind.contains("rate_limit")) {
      return rateLimited(detail, null);
    }
    if (kind.contains("server_error") || kind.contains("overloaded")) {
      return new LlmException(
          LlmErrorCode.PROVIDER_UNAVAILABLE,
          "The %s provider at %s failed while answering (%s). Try again later."
              .formatted(provider, baseUrl, detail));
    }
    return new LlmException(
        LlmErrorCode.PROVIDER_ERROR,
        "The %s provider reported an error while answering: %s".formatted(provider, detail));
  }

  private LlmException forStatus(int status, String body, Throwable error) {
    var detail = "HTTP " + status + abbreviate(body);
    if (status == 429) {
      return rateLimited(detail, error);
    }
    if (status >= 500) {
      return new LlmException(
          LlmErrorCode.PROVIDER_UNAVAILABLE,
          "The %s provider at %s is unavailable (%s). Try again later."
              .formatted(provider, baseUrl, detail),
          error);
    }
    var check =
        switch (status) {
          case 401, 403 -> "Check the API key in " + setting("api-key");
          case 404 ->
              "Check the model '%s' in %s and the URL in %s"
                  .formatted(model, setting("model"), setting("base-url"));
          default -> "Check the model '%s' in %s".formatted(model, setting("model"));
        };
    return new LlmException(
        LlmErrorCode.PROVIDER_ERROR,
        "The %s provider refused the request (%s). %s.".formatted(provider, detail, check),
        error);
  }

  private LlmException rateLimited(String detail, Throwable error) {
    return new LlmException(
        LlmErrorCode.RATE_LIMITED,
        "The %s provider is rate limiting requests (%s). Wait and retry, or raise the quota of the key in %s."
            .formatted(provider, detail, setting("api-key")),
        error);
  }

  /** Both spellings, so the message helps whether the user configures by env var or YAML. */
  private String setting(String key) {
    var env =
        ("PARLEY_LLM_" + provider + "_" + key).toUpperCase(Locale.ROOT).replace('-', '_');
    return env + " (parley.llm." + provider + "." + key + ")";
  }

  private static Throwable next(Throwable cause) {
    return cause.getCause() == cause ? null : cause.getCause();
  }

  private static String describe(Throwable error) {
    return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
  }

  private static String abbreviate(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    var flat = body.strip().replaceAll("\\s+", " ");
    return ": " + (flat.length() > MAX_BODY_CHARS ? flat.substring(0, MAX_BODY_CHARS) + "…" : flat);
  }
}
