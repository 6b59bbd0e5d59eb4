package dev.parley.models;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One downloadable model file.
 *
 * @param sizeBytes the exact size of the published file, or -1 when unknown
 * @param checksum the pinned digest; {@code null} when none is pinned, in which case the downloader
 *     verifies against the SHA-256 the hub reports for the file
 */
public record ModelEntry(
    String id,
    ModelKind kind,
    String fileName,
    URI url,
    long sizeBytes,
    Checksum checksum,
    String licence,
    boolean defaultModel) {

  public Optional<Checksum> pinnedChecksum() {
    return Optional.ofNullable(checksum);
  }

  /** Where this model's file lives in the given models directory. */
  public Path pathIn(Path modelsDirectory) {
    return modelsDirectory.resolve(fileName);
  }
}
