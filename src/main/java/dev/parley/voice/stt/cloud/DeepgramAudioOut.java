package dev.parley.voice.stt.cloud;

import dev.parley.http.Spares;
import dev.parley.http.WebSocket;
import dev.parley.voice.audio.AudioFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * What goes to one Deepgram socket, in order whichever thread sends it: audio in batches of {@link
 * #BATCH_SAMPLES} (a chunk at least that long as it comes), and control messages. Until the
 * handshake is done frames wait in memory; after it each is written by the thread that sends it,
 * which blocks only while the socket's send buffer is full (see {@link #blockedForNanos()}).
 */
final class DeepgramAudioOut {

  /**
   * 200 ms: a write per two of the page's 100 ms frames, per ten of 20 ms, within Deepgram's advice
   * of 20 to 250 ms per message. A write to the socket was an eighth of the server's CPU at 100 ms.
   * {@link #flushThen} sends what is left at once, so the final transcript never waits for a batch;
   * only partials may come up to 100 ms later than with 100 ms frames.
   */
  static final int BATCH_SAMPLES = 3_200;

  /** Audio that may wait for the socket: 30 s, far beyond any connect timeout. */
  static final long MAX_PENDING_BYTES = AudioFormat.PIPELINE.bytesFor(30_000);

  private static final Spares<short[]> SPARE_BATCHES =
      new Spares<>(1_024, () -> new short[BATCH_SAMPLES]);

  /** A frame that waits for the handshake: audio or a control message. */
  private record Pending(short[] audio, String text) {}

  private final WebSocket socket;
  private final Consumer<IOException> sendFailed;
  private final ReentrantLock lock = new ReentrantLock();
  private boolean connected; // the rest guarded by lock
  private boolean failed;
  private final List<Pending> pending = new ArrayList<>();
  private long pendingBytes;
  private long samplesAccepted;
  /** Lent from {@link #SPARE_BATCHES} while it holds samples (see {@link Spares}). */
  private short[] batch;
  private int batched;
  private volatile long lastSendNanos = System.nanoTime();
  private volatile long writingSinceNanos;

  /** @param sendFailed told once, on the sending thread, when a write fails */
  DeepgramAudioOut(WebSocket socket, Consumer<IOException> sendFailed) {
    this.socket = socket;
    this.sendFailed = sendFailed;
  }

  /** The handshake is done: what waited for it goes out now. */
  void connected() {
    lock.lock();
    try {
      connected = true;
      for (var frame : pending) {
        write(frame.audio(), frame.audio() == null ? 0 : frame.audio().length, frame.text());
      }
      pending.clear();
      pendingBytes = 0;
    } finally {
      lock.unlock();
    }
  }

  /** Batches the samples; false, taking none of them, if too much audio waits for the socket. */
  boolean accept(short[] samples) {
    lock.lock();
    try {
      if (pendingBytes + batched * 2L + samples.length * 2L > MAX_PENDING_BYTES) {
        return false;
      }
      samplesAccepted += samples.length;
      if (batched == 0 && samples.length >= BATCH_SAMPLES) {
        send(samples, samples.length);
        return true;
      }
      for (int at = 0; at < samples.length; ) {
        if (batch == null) {
          batch = SPARE_BATCHES.borrow();
        }
        int take = Math.min(samples.length - at, BATCH_SAMPLES - batched);
        System.arraycopy(samples, at, batch, batched, take);
        batched += take;
        at += take;
        if (batched == BATCH_SAMPLES) {
          flush();
        }
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Sends the rest of the audio, then the messages, e.g. {@code Finalize}. */
  void flushThen(String... messages) {
    lock.lock();
    try {
      flush();
      for (var text : messages) {
        if (connected) {
          write(null, 0, text);
        } else {
          pending.add(new Pending(null, text));
        }
      }
    } finally {
      lock.unlock();
    }
  }

  long samplesAccepted() {
    lock.lock();
    try {
      return samplesAccepted;
    } finally {
      lock.unlock();
    }
  }

  /** How long nothing was sent; zero while a write is under way. */
  long idleNanos() {
    return writingSinceNanos != 0 ? 0 : System.nanoTime() - lastSendNanos;
  }

  /** How long the write under way has been blocked; zero when none is. */
  long blockedForNanos() {
    long since = writingSinceNanos;
    return since == 0 ? 0 : System.nanoTime() - since;
  }

  /** The caller holds {@link #lock}. */
  private void flush() {
    if (batched == 0) {
      return;
    }
    send(batch, batched);
    batched = 0;
    SPARE_BATCHES.giveBack(batch); // sent, or copied to wait for the handshake
    batch = null;
  }

  /**
   * Writes the first {@code count} samples now, or keeps a copy of them until the handshake is
   * done; the caller holds {@link #lock}.
   */
  private void send(short[] audio, int count) {
    if (connected) {
      write(audio, count, null);
    } else {
      pending.add(new Pending(Arrays.copyOf(audio, count), null));
      pendingBytes += count * 2L;
    }
  }

  /** Writes one frame on the calling thread; the caller holds {@link #lock}. */
  private void write(short[] audio, int samples, String text) {
    if (failed) {
      return;
    }
    writingSinceNanos = System.nanoTime();
    try {
      if (audio != null) {
        socket.sendBinary(audio, 0, samples);
      } else {
        socket.sendText(text);
      }
    } catch (IOException e) {
      failed = true;
      sendFailed.accept(e);
    } finally {
      writingSinceNanos = 0;
      lastSendNanos = System.nanoTime();
    }
  }
}
