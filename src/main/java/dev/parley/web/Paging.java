package dev.parley.web;

/** The {@code page} and {@code size} parameters of every paged list. */
public final class Paging {

  public static final int MAX_SIZE = 100;

  private Paging() {}

  /** Throws 400 {@code invalid_page} unless page ≥ 0 and 1 ≤ size ≤ {@link #MAX_SIZE}. */
  public static void check(int page, int size) {
    if (page < 0 || size < 1 || size > MAX_SIZE) {
      throw ApiException.badRequest(
          "invalid_page", "page must be 0 or more and size between 1 and " + MAX_SIZE);
    }
  }
}
