package dev.parley.llm.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RateLimitException;
import dev.parley.llm.LlmErrorCode;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import org.junit.jupiter.api.Test;

class ProviderErrorsTest {

  private final ProviderErrors errors = new ProviderErrors("gemini", "https://example.test/v1beta", "gemini-2.5-flash");

  @Test
  void mapsStatusesThroughLangChainWrappers() {
    assertThat(errors.map(new RateLimitException(new HttpException(429, "slow down"))).code())
        .isEqualTo(LlmErrorCode.RATE_LIMITED);
    assertThat(errors.map(new HttpException(502, "bad gateway")).code())
        .isEqualTo(LlmErrorCode.PROVIDER_UNAVAILABLE);
    var forbidden = errors.map(new HttpException(403, "{\"error\":\"no\"}"));
    assertThat(forbidden.code()).isEqualTo(LlmErrorCode.PROVIDER_ERROR);
    assertThat(forbidden.getMessage())
        .contains("HTTP 403", "PARLEY_LLM_GEMINI_API_KEY", "parley.llm.gemini.api-key");
    assertThat(errors.map(new HttpException(404, "")).getMessage())
        .contains("PARLEY_LLM_GEMINI_MODEL", "PARLEY_LLM_GEMINI_BASE_URL");
  }

  @Test
  void timeoutsAndConnectionFailures() {
    assertThat(errors.map(new RuntimeException(new HttpTimeoutException("request timed out"))).code())
        .isEqualTo(LlmErrorCode.TIMEOUT);
    assertThat(errors.map(new dev.langchain4j.exception.TimeoutException("late")).code())
        .isEqualTo(LlmErrorCode.TIMEOUT);
    assertThat(errors.map(new HttpConnectTimeoutException("connect timed out")).code())
        .isEqualTo(LlmErrorCode.PROVIDER_UNAVAILABLE);
    var refused = errors.map(new RuntimeException(new ConnectException("Connection refused")));
    assertThat(refused.code()).isEqualTo(LlmErrorCode.PROVIDER_UNAVAILABLE);
    assertThat(refused.getMessage()).contains("https://example.test/v1beta", "PARLEY_LLM_GEMINI_BASE_URL");
  }
}
