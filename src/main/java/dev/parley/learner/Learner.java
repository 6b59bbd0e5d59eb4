package dev.parley.learner;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The person a request acts for. Every session, custom character and turn is owned by one learner,
 * so accounts can later resolve this from a token instead of a header without touching the data.
 */
public record Learner(String id) {

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

  /** The learner of a single-user local install, when a request names none. */
  public static final Learner LOCAL = new Learner("local");

  public Learner {
    Objects.requireNonNull(id, "id");
    if (!VALID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "Learner id must be 1-64 characters of letters, digits, '.', '_', '@' or '-'");
    }
  }
}
