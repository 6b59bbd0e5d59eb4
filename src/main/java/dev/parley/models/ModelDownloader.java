package dev.parley.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads one model file into {@code <file>.part}, resuming with a Range request when a part is
 * already there, hashing as it streams, and renaming the part into place only once the checksum
 * matches.
 */
final class ModelDownloader {

  /** How hard to try. */
  record Settings(int maxAttempts, Duration firstBackoff, Duration connectTimeout) {
    static final Settings DEFAULT = new Settings(4, Duration.ofSeconds(1), Duration.ofSeconds(15));
  }

  /**
   * Usable bytes on the file store holding a directory; replaceable so tests can fake a full disk.
   */
  interface FreeSpace {
    long usableBytes(Path directory) throws IOException;

    FreeSpace FILE_STORE = directory -> Files.getFileStore(directory).getUsableSpace();
  }

  enum Outcome {
    DOWNLOADED,
    ALREADY_INSTALLED
  }

  private static final int BUFFER_BYTES = 64 * 1024;
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  private final HttpClient client;
  private final Settings settings;
  private final FreeSpace freeSpace;
  private final PrintStream err;
  private final boolean terminal;
  private final LongSupplier nanoClock;

  ModelDownloader(
      Settings settings,
      FreeSpace freeSpace,
      PrintStream err,
      boolean terminal,
      LongSupplier nanoClock) {
    this.client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(settings.connectTimeout())
            .build();
    this.settings = settings;
    this.freeSpace = freeSpace;
    this.err = err;
    this.terminal = terminal;
    this.nanoClock = nanoClock;
  }

  Outcome pull(ModelEntry entry, URI source, Path directory) throws DownloadException {
    Path target = entry.pathIn(directory);
    Path part = directory.resolve(entry.fileName() + ".part");
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw DownloadException.fatal(
          "Cannot create the models directory " + directory.toAbsolutePath() + ": " + e, e);
    }
    if (Files.exists(target) && isInstalled(entry, target)) {
      return Outcome.ALREADY_INSTALLED;
    }
    for (int attempt = 1; ; attempt++) {
      try {
        attempt(entry, source, part, target);
        return Outcome.DOWNLOADED;
      } catch (DownloadException e) {
        if (!e.isTransient() || attempt >= settings.maxAttempts()) {
          throw e;
        }
        Duration wait = settings.firstBackoff().multipliedBy(1L << (attempt - 1));
        err.printf(
            "Attempt %d of %d failed: %s; retrying in %s%n",
            attempt, settings.maxAttempts(), e.getMessage(), describe(wait));
        sleep(wait);
      }
    }
  }

  private boolean isInstalled(ModelEntry entry, Path target) throws DownloadException {
    Optional<Checksum> pinned = entry.pinnedChecksum();
    if (pinned.isEmpty()) {
      err.printf(
          "%s is already installed at %s (not re-verified: no pinned checksum)%n",
          entry.id(), target.toAbsolutePath());
      return true;
    }
    String actual;
    try {
      MessageDigest digest = pinned.get().algorithm().newDigest();
      hashFile(target, digest);
      actual = HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw DownloadException.fatal("Cannot read " + target.toAbsolutePath() + ": " + e, e);
    }
    if (actual.equals(pinned.get().hex())) {
      err.printf(
          "%s is already installed at %s (%s verified)%n",
          entry.id(), target.toAbsolutePath(), pinned.get().algorithm().label());
      return true;
    }
    err.printf(
        "%s exists at %s but its %s does not match the catalog; downloading it again "
            + "(the existing file is replaced only once the new one is verified)%n",
        entry.id(), target.toAbsolutePath(), pinned.get().algorithm().label());
    return false;
  }

  private void attempt(ModelEntry entry, URI source, Path part, Path target)
      throws DownloadException {
    long offset = partSize(part);
    if (entry.sizeBytes() > 0 && offset > entry.sizeBytes()) {
      err.printf("Discarding %s: it is larger than the published file%n", part.getFileName());
      delete(part);
      offset = 0;
    }
    HttpResponse<InputStream> response = send(source, offset);
    int status = response.statusCode();
    try (InputStream body = response.body()) {
      if (status == 416 && offset > 0) {
        finishFromCompletePart(entry, source, response, part, target, offset);
        return;
      }
      if (status == 404) {
        throw DownloadException.fatal(
            "HTTP 404 Not Found for "
                + source
                + ". The file may have moved: check the URL, pass --url with the right one, "
                + "or download it manually to "
                + target.toAbsolutePath());
      }
      if (status == 429 || status >= 500) {
        throw DownloadException.retryable("HTTP " + status + " from " + source, null, null);
      }
      if (status != 200 && status != 206) {
        throw DownloadException.fatal(
            "HTTP " + status + " from " + source + " (the download was refused)");
      }
      if (status == 200 && offset > 0) {
        err.printf("The server ignored the resume request; starting %s over%n", entry.fileName());
        offset = 0;
      }
      if (status == 206) {
        long rangeStart = rangeStart(response.headers());
        if (rangeStart != offset) {
          delete(part);
          throw DownloadException.retryable(
              "The server resumed at byte " + rangeStart + " instead of " + offset, null, null);
        }
        err.printf("Resuming %s from %s%n", entry.fileName(), Sizes.format(offset));
      }
      long total = totalSize(entry, response, offset);
      if (entry.sizeBytes() > 0 && total > 0 && total != entry.sizeBytes()) {
        delete(part);
        throw DownloadException.fatal(
            String.format(
                "Size mismatch: %s serves %d bytes but %s is %d bytes; nothing was kept. "
                    + "Check that the URL or mirror serves the right file",
                source, total, entry.fileName(), entry.sizeBytes()));
      }
      requireFreeSpace(part.getParent(), total - offset);
      Checksum expected = expectedChecksum(entry, response);
      MessageDigest digest = algorithmFor(entry).newDigest();
      if (offset > 0) {
        hashPart(part, digest);
      }
      long written = stream(body, part, offset, total, digest, entry.fileName());
      verifyAndInstall(entry, source, part, target, written, expected, digest);
    } catch (IOException e) {
      throw DownloadException.retryable(
          "Connection to " + source.getHost() + " lost: " + reason(e), null, e);
    }
  }

  private HttpResponse<InputStream> send(URI source, long offset) throws DownloadException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(source).header("User-Agent", "parley-models/0.1").GET();
    if (offset > 0) {
      request.header("Range", "bytes=" + offset + "-");
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (ConnectException | HttpConnectTimeoutException e) {
      throw unreachable(source, e);
    } catch (IOException e) {
      if (rootCause(e) instanceof UnresolvedAddressException) {
        throw unreachable(source, e);
      }
      throw DownloadException.retryable("Request to " + source + " failed: " + reason(e), null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw DownloadException.fatal("Interrupted while connecting to " + source, e);
    }
  }

  private static DownloadException unreachable(URI source, IOException e) {
    return DownloadException.retryable(
        "Cannot reach " + source.getHost() + " (" + source + "): " + reason(e),
        "Check the network connection, use a mirror with --mirror URL or "
            + ModelsCommand.MIRROR_ENV
            + "=URL, or pass the file's URL with --url",
        e);
  }

  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** The most specific description available: HttpClient often wraps a message-less exception. */
  private static String reason(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
        return cause.getMessage();
      }
    }
    return rootCause(e) instanceof UnresolvedAddressException
        ? "unknown host"
        : rootCause(e).getClass().getSimpleName();
  }

  private long stream(
      InputStream body, Path part, long offset, long total, MessageDigest digest, String label)
      throws IOException, DownloadException {
    DownloadProgress progress =
        new DownloadProgress(err, terminal, nanoClock, label, offset, total);
    StandardOpenOption mode =
        offset > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
    OutputStream out;
    try {
      out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode);
    } catch (IOException e) {
      throw DownloadException.fatal("Cannot write " + part.toAbsolutePath() + ": " + e, e);
    }
    long done = offset;
    byte[] buffer = new byte[BUFFER_BYTES];
    try (out) {
      int read;
      while ((read = body.read(buffer)) >= 0) {
        write(out, buffer, read, part);
        digest.update(buffer, 0, read);
        done += read;
        progress.update(done);
      }
    } catch (IOException e) {
      progress.finish(done);
      throw connectionLost(done, label, e);
    }
    progress.finish(done);
    if (total > 0 && done < total) {
      throw connectionLost(done, label, null);
    }
    return done;
  }

  private static DownloadException connectionLost(long done, String label, IOException cause) {
    return DownloadException.retryable(
        "Connection lost after "
            + Sizes.format(done)
            + " of "
            + label
            + (cause == null ? "" : " (" + reason(cause) + ")"),
        "The partial file is kept: run the command again to resume",
        cause);
  }

  private static void write(OutputStream out, byte[] buffer, int length, Path part)
      throws DownloadException {
    try {
      out.write(buffer, 0, length);
    } catch (IOException e) {
      String reason = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
      if (reason.contains("no space left") || reason.contains("disk full")) {
        throw DownloadException.fatal(
            "Disk full while writing "
                + part.toAbsolutePath()
                + ". Free some space and run the command again: the download resumes from "
                + "the partial file",
            e);
      }
      throw DownloadException.fatal("Cannot write " + part.toAbsolutePath() + ": " + e, e);
    }
  }

  private void finishFromCompletePart(
      ModelEntry entry,
      URI source,
      HttpResponse<InputStream> response,
      Path part,
      Path target,
      long offset)
      throws DownloadException, IOException {
    // 416: nothing lies beyond what we have, so the part should already be the whole file.
    MessageDigest digest = algorithmFor(entry).newDigest();
    hashPart(part, digest);
    verifyAndInstall(
        entry, source, part, target, offset, expectedChecksum(entry, response), digest);
  }

  private void verifyAndInstall(
      ModelEntry entry,
      URI source,
      Path part,
      Path target,
      long size,
      Checksum expected,
      MessageDigest digest)
      throws DownloadException {
    String actual = HexFormat.of().formatHex(digest.digest());
    if (expected == null) {
      err.printf(
          "WARNING: %s is not verified: the catalog pins no checksum and %s reported none "
              + "(sha256 of the file: %s)%n",
          entry.fileName(), source.getHost(), actual);
    } else if (!expected.hex().equals(actual)
        || (entry.sizeBytes() > 0 && entry.sizeBytes() != size)) {
      delete(part);
      throw DownloadException.fatal(
          String.format(
              "Checksum mismatch for %s: expected %s %s (%s), got %s over %d bytes. "
                  + "The downloaded file was deleted. Run the command again; if it keeps "
                  + "failing, the file at %s has changed or a proxy is altering it",
              entry.fileName(),
              expected.algorithm().label(),
              expected.hex(),
              entry.checksum() != null ? "pinned in the catalog" : "reported by the server",
              actual,
              size,
              source));
    } else {
      err.printf(
          "%s verified (%s %s)%n",
          entry.fileName(),
          expected.algorithm().label(),
          entry.checksum() != null ? "pinned in the catalog" : "reported by " + source.getHost());
    }
    try {
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw DownloadException.fatal(
          "Cannot move " + part + " to " + target.toAbsolutePath() + ": " + e, e);
    }
  }

  private static HashAlgorithm algorithmFor(ModelEntry entry) {
    return entry.pinnedChecksum().map(Checksum::algorithm).orElse(HashAlgorithm.SHA256);
  }

  /**
   * The pinned checksum, else the SHA-256 Hugging Face reports for LFS files in the {@code
   * X-Linked-ETag} header of its resolve redirect (or of the response itself when not redirected).
   */
  private static Checksum expectedChecksum(ModelEntry entry, HttpResponse<?> response) {
    if (entry.checksum() != null) {
      return entry.checksum();
    }
    return linkedHeader(response, "X-Linked-ETag")
        .map(etag -> etag.replaceFirst("^W/", "").replace("\"", "").toLowerCase(Locale.ROOT))
        .filter(etag -> SHA256_HEX.matcher(etag).matches())
        .map(Checksum::sha256)
        .orElse(null);
  }

  private static Optional<String> linkedHeader(HttpResponse<?> response, String name) {
    for (HttpResponse<?> hop = response; hop != null; hop = hop.previousResponse().orElse(null)) {
      Optional<String> value = hop.headers().firstValue(name);
      if (value.isPresent()) {
        return value;
      }
    }
    return Optional.empty();
  }

  private static long totalSize(ModelEntry entry, HttpResponse<?> response, long offset) {
    if (response.statusCode() == 206) {
      Matcher range =
          CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
      if (range.matches() && !range.group(3).equals("*")) {
        return Long.parseLong(range.group(3));
      }
    }
    long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    if (length >= 0) {
      return response.statusCode() == 206 ? offset + length : length;
    }
    if (entry.sizeBytes() > 0) {
      return entry.sizeBytes();
    }
    return linkedHeader(response, "X-Linked-Size").map(Long::parseLong).orElse(-1L);
  }

  private static long rangeStart(HttpHeaders headers) {
    Matcher range = CONTENT_RANGE.matcher(headers.firstValue("Content-Range").orElse(""));
    return range.matches() ? Long.parseLong(range.group(1)) : -1;
  }

  private void requireFreeSpace(Path directory, long needed) throws DownloadException {
    if (needed <= 0) {
      return;
    }
    long usable;
    try {
      usable = freeSpace.usableBytes(directory);
    } catch (IOException e) {
      return; // Unknown free space is not a reason to refuse; a real shortage is caught on write.
    }
    if (usable < needed) {
      throw DownloadException.fatal(
          "Disk full: "
              + Sizes.format(needed)
              + " needed but only "
              + Sizes.format(usable)
              + " free in "
              + directory.toAbsolutePath()
              + ". Free some space or choose another directory with --dir");
    }
  }

  private static long partSize(Path part) throws DownloadException {
    try {
      return Files.exists(part) ? Files.size(part) : 0;
    } catch (IOException e) {
      throw DownloadException.fatal("Cannot read " + part.toAbsolutePath() + ": " + e, e);
    }
  }

  private static void hashPart(Path part, MessageDigest digest) throws DownloadException {
    try {
      hashFile(part, digest);
    } catch (IOException e) {
      throw DownloadException.fatal("Cannot read " + part.toAbsolutePath() + ": " + e, e);
    }
  }

  private static void hashFile(Path file, MessageDigest digest) throws IOException {
    byte[] buffer = new byte[BUFFER_BYTES];
    try (InputStream in = Files.newInputStream(file)) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        digest.update(buffer, 0, read);
      }
    }
  }

  private static void delete(Path file) throws DownloadException {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw DownloadException.fatal("Cannot delete " + file.toAbsolutePath() + ": " + e, e);
    }
  }

  private static void sleep(Duration wait) throws DownloadException {
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw DownloadException.fatal("Interrupted while waiting to retry", e);
    }
  }

  private static String describe(Duration wait) {
    return wait.toMillis() >= 1000 ? wait.toSeconds() + " s" : wait.toMillis() + " ms";
  }
}
