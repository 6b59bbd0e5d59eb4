package dev.parley.web;

import dev.parley.llm.LlmErrorCode;
import dev.parley.llm.LlmException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Renders every failure as RFC 9457 problem+json with a stable {@code code} property that clients
 * can switch on.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  @ExceptionHandler(ApiException.class)
  ProblemDetail handleApi(ApiException e) {
    return problem(e.status(), e.code(), e.getMessage());
  }

  @ExceptionHandler(LlmException.class)
  ProblemDetail handleLlm(LlmException e) {
    log.warn("LLM request failed: {} {}", e.code(), e.getMessage());
    return problem(statusOf(e.code()), e.code().wireName(), e.getMessage());
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail handleIllegalArgument(IllegalArgumentException e) {
    return problem(HttpStatus.BAD_REQUEST, "invalid_argument", e.getMessage());
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    Map<String, String> fields = new LinkedHashMap<>();
    ex.getBindingResult()
        .getFieldErrors()
        .forEach(error -> fields.putIfAbsent(error.getField(), error.getDefaultMessage()));
    var body = problem(HttpStatus.BAD_REQUEST, "validation_failed", "Request fields are invalid");
    body.setProperty("fields", fields);
    return ResponseEntity.badRequest().body(body);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    var body =
        problem(
            HttpStatus.BAD_REQUEST,
            "malformed_request",
            "The request body is missing or is not valid JSON for this endpoint");
    return ResponseEntity.badRequest().body(body);
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
    if (body instanceof ProblemDetail detail && detail.getProperties() == null) {
      detail.setProperty("code", codeFor(statusCode));
    }
    return super.handleExceptionInternal(ex, body, headers, statusCode, request);
  }

  static HttpStatus statusOf(LlmErrorCode code) {
    return switch (code) {
      case MODEL_NOT_CONFIGURED -> HttpStatus.SERVICE_UNAVAILABLE;
      case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
      case TIMEOUT -> HttpStatus.GATEWAY_TIMEOUT;
      case CANCELLED -> HttpStatus.CONFLICT;
      case PROVIDER_UNAVAILABLE, PROVIDER_ERROR, INVALID_OUTPUT -> HttpStatus.BAD_GATEWAY;
    };
  }

  private static String codeFor(HttpStatusCode status) {
    var resolved = HttpStatus.resolve(status.value());
    return resolved == null
        ? "http_" + status.value()
        : resolved.name().toLowerCase(java.util.Locale.ROOT);
  }

  public static ProblemDetail problem(HttpStatus status, String code, String detail) {
    var problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(status.getReasonPhrase());
    problem.setProperty("code", code);
    return problem;
  }
}
