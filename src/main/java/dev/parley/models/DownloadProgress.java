package dev.parley.models;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Reports download progress on stderr: a bar redrawn in place at most ten times a second on a
 * terminal, or a plain line every ten percent (or every 30 seconds) for logs.
 */
final class DownloadProgress {

  private static final long REDRAW_NANOS = Duration.ofMillis(100).toNanos();
  private static final long PLAIN_HEARTBEAT_NANOS = Duration.ofSeconds(30).toNanos();
  private static final int BAR_WIDTH = 24;

  private final PrintStream err;
  private final boolean terminal;
  private final LongSupplier nanoClock;
  private final String label;
  private final long startOffset;
  private final long total;
  private final long startNanos;
  private long lastPrintNanos;
  private int lastPlainStep = -1;
  private int lastLineLength;

  DownloadProgress(
      PrintStream err,
      boolean terminal,
      LongSupplier nanoClock,
      String label,
      long startOffset,
      long total) {
    this.err = err;
    this.terminal = terminal;
    this.nanoClock = nanoClock;
    this.label = label;
    this.startOffset = startOffset;
    this.total = total;
    this.startNanos = nanoClock.getAsLong();
    this.lastPrintNanos = startNanos;
  }

  void update(long done) {
    long now = nanoClock.getAsLong();
    if (terminal) {
      if (now - lastPrintNanos >= REDRAW_NANOS) {
        redraw(done, now);
      }
      return;
    }
    int step = total > 0 ? (int) (done * 10 / total) : -1;
    if (step > lastPlainStep || now - lastPrintNanos >= PLAIN_HEARTBEAT_NANOS) {
      lastPlainStep = Math.max(step, lastPlainStep);
      lastPrintNanos = now;
      err.println(line(done, now));
    }
  }

  void finish(long done) {
    long now = nanoClock.getAsLong();
    if (terminal) {
      redraw(done, now);
      err.println();
    } else if (total <= 0 || lastPlainStep < 10) {
      err.println(line(done, now));
    }
    err.flush();
  }

  private void redraw(long done, long now) {
    lastPrintNanos = now;
    String line = line(done, now);
    String padding = " ".repeat(Math.max(0, lastLineLength - line.length()));
    lastLineLength = line.length();
    err.print("\r" + line + padding);
    err.flush();
  }

  String line(long done, long now) {
    double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
    double bytesPerSecond = (done - startOffset) / seconds;
    StringBuilder line = new StringBuilder(label).append("  ");
    if (total > 0) {
      int percent = (int) Math.min(100, done * 100 / total);
      line.append(String.format("%3d%%  ", percent));
      if (terminal) {
        int filled = (int) (BAR_WIDTH * Math.min(done, total) / total);
        line.append('[')
            .append("=".repeat(filled))
            .append(" ".repeat(BAR_WIDTH - filled))
            .append("]  ");
      }
      line.append(Sizes.format(done)).append(" / ").append(Sizes.format(total));
    } else {
      line.append(Sizes.format(done));
    }
    line.append("  ").append(Sizes.format((long) bytesPerSecond)).append("/s");
    if (total > 0 && bytesPerSecond > 0 && done < total) {
      line.append("  ETA ").append(eta((long) ((total - done) / bytesPerSecond)));
    }
    return line.toString();
  }

  private static String eta(long seconds) {
    long hours = seconds / 3600;
    long minutes = seconds % 3600 / 60;
    long secs = seconds % 60;
    return hours > 0
        ? String.format("%d:%02d:%02d", hours, minutes, secs)
        : String.format("%d:%02d", minutes, secs);
  }
}
