package dev.parley.feedback;

import dev.parley.web.ApiException;

/** A query parameter that says how many entries to return, such as {@code top} or {@code limit}. */
public final class CountParameter {

  private CountParameter() {}

  /**
   * The parameter's value: {@code fallback} when absent, else a number from 1 to {@code max}, or
   * 400 {@code invalid_<name>}.
   */
  public static int parse(String name, String value, int fallback, int max) {
    if (value == null) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.strip());
      if (parsed >= 1 && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // answered below, as for a number out of range
    }
    throw ApiException.badRequest("invalid_" + name, name + " must be a number from 1 to " + max);
  }
}
