package dev.parley.models;

/**
 * A download failed. The message is written for the person running the command: what happened and
 * what to do next.
 */
final class DownloadException extends Exception {

  private final boolean transientFailure;
  private final String advice;

  private DownloadException(
      String message, boolean transientFailure, String advice, Throwable cause) {
    super(message, cause);
    this.transientFailure = transientFailure;
    this.advice = advice;
  }

  /** Worth retrying; {@code advice} is shown only if the last attempt fails too. */
  static DownloadException retryable(String message, String advice, Throwable cause) {
    return new DownloadException(message, true, advice, cause);
  }

  static DownloadException fatal(String message) {
    return new DownloadException(message, false, null, null);
  }

  static DownloadException fatal(String message, Throwable cause) {
    return new DownloadException(message, false, null, cause);
  }

  /** What happened followed by what to do about it. */
  String fullMessage() {
    return advice == null ? getMessage() : getMessage() + ". " + advice;
  }

  boolean isTransient() {
    return transientFailure;
  }
}
