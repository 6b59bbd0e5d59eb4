package dev.parley.feedback;

import dev.parley.web.ApiException;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The optional {@code language} query parameter of the learner endpoints: {@code es} matches {@code
 * es} and every {@code es-*} variant, {@code es-ES} only itself; none matches all.
 */
public record LanguageFilter(String language) {

  private static final Pattern TAG = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,4}");

  public static final LanguageFilter ANY = new LanguageFilter(null);

  /** Parses the request parameter: 400 {@code invalid_language} for a malformed tag. */
  public static LanguageFilter of(String parameter) {
    if (parameter == null || parameter.isBlank()) {
      return ANY;
    }
    if (!TAG.matcher(parameter).matches()) {
      throw ApiException.badRequest(
          "invalid_language", "language must be a BCP 47 tag such as 'es' or 'es-ES'");
    }
    return new LanguageFilter(parameter);
  }

  /** An {@code and} clause for {@code column}, empty when all languages match. */
  public String clause(String column) {
    return language == null
        ? ""
        : " and (lower(" + column + ") = :language or lower(" + column + ") like :languagePrefix)";
  }

  /** Binds the parameters {@link #clause} uses. */
  public JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
    if (language == null) {
      return statement;
    }
    var lower = language.toLowerCase(java.util.Locale.ROOT);
    return statement.param("language", lower).param("languagePrefix", lower + "-%");
  }
}
