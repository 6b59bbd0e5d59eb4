package dev.parley.models;

/**
 * A download failed. The message is written for the person running the command: what happened
 * and what to do next.
 */
final class DownloadException extends Exception {

  private final boolean transientFailure;

  private DownloadException(String message, boolean transientFailure, Throwable cause) {
    super(message, cause);
    this.transientFailure = transientFailure;
  }

  /** Worth retrying: the network or the server may do better on the next attempt. */
  static DownloadException retryable(String message, Throwable cause) {
    return new DownloadException(message, true, cause);
  }

  static DownloadException fatal(String message) {
    return new DownloadException(message, false, null);
  }

  static DownloadException fatal(String message, Throwable cause) {
    return new DownloadException(message, false, cause);
  }

  boolean isTransient() {
    return transientFailure;
  }
}
