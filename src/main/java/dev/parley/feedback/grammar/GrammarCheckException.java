package dev.parley.feedback.grammar;

/**
 * A check that could not run; {@code code} is a stable wire code, e.g. {@code
 * grammar_unsupported_language}.
 */
public final class GrammarCheckException extends RuntimeException {

  private final String code;

  public GrammarCheckException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
