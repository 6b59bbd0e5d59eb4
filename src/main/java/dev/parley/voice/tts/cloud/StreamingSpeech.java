package dev.parley.voice.tts.cloud;

import dev.parley.http.Exchange;
import dev.parley.http.Spares;
import dev.parley.voice.TimedChecks;
import dev.parley.voice.VoiceException;
import dev.parley.voice.audio.AudioFormat;
import dev.parley.voice.tts.AudioListener;
import dev.parley.voice.tts.SpeechStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One sentence streaming from a vendor. The request leaves from the caller's thread when a
 * kept-alive connection is idle (else from the reading thread, which connects first); a virtual
 * thread reads the HTTP body as it arrives and hands each piece of PCM to the listener at once.
 * Every call to the listener happens under a lock that {@link #cancel()} also takes, so once
 * cancel returns the listener hears nothing more.
 */
final class StreamingSpeech implements SpeechStream {

  private static final System.Logger LOG = System.getLogger(StreamingSpeech.class.getName());
  /**
   * 200 ms of audio, the default longest reply frame: each read becomes one frame to the learner.
   * The connection reads as much from the socket at a time (see {@link #readBytes}), so a read
   * returns whole pieces of this size however the vendor cuts its chunks; with the 4 KiB of the
   * other provider connections every read of 16 kHz audio made a frame of 128 ms.
   */
  private static final long READ_MILLIS = 200;

  private static final int MAX_ERROR_BODY_BYTES = 16 * 1024;

  /** What a stream reads its audio through; lent for as long as it streams. */
  record ReadBuffers(byte[] bytes, short[] samples) {
    static ReadBuffers of(int bytes) {
      return new ReadBuffers(new byte[bytes], new short[bytes / 2 + 1]);
    }
  }

  private final AudioListener listener;
  private final AudioFormat format;
  private final VendorErrors errors;
  private final Spares<ReadBuffers> readBuffers;
  private final ReentrantLock lock = new ReentrantLock();
  private boolean finished;
  private volatile Exchange exchange;
  private volatile TimedChecks.Check timeout;

  StreamingSpeech(
      AudioListener listener,
      AudioFormat format,
      VendorErrors errors,
      Spares<ReadBuffers> readBuffers) {
    this.listener = listener;
    this.format = format;
    this.errors = errors;
    this.readBuffers = readBuffers;
  }

  /** The size of one read, and of the connection's buffer, for audio in {@code format}. */
  static int readBytes(AudioFormat format) {
    return format.bytesFor(READ_MILLIS);
  }

  /** Sends the request and streams its answer on a virtual thread. */
  void start(Exchange exchange) {
    this.exchange = exchange;
    exchange.sendIfConnected();
    timeout = TimedChecks.after(errors.timeout(), "tts-timeout", this::timeOut);
    Thread.ofVirtual().name("tts-" + errors.provider()).start(this::run);
  }

  /** Reports a failure found before anything was sent, from a thread of its own like the rest. */
  void failLater(VoiceException error) {
    Thread.ofVirtual().name("tts-" + errors.provider()).start(() -> fail(error));
  }

  @Override
  public void cancel() {
    lock.lock();
    try {
      finished = true;
    } finally {
      lock.unlock();
    }
    abort();
  }

  /** Reads until the stream ends, however it ends; the timeout only watches this reading. */
  private void run() {
    try {
      read();
    } finally {
      timeout.cancel();
    }
  }

  private void read() {
    if (isFinished()) {
      abort();
      return;
    }
    try (var answer = exchange.response()) {
      if (isFinished()) {
        abort();
      } else if (answer.status() / 100 != 2) {
        fail(errors.forStatus(answer.status(), errorBody(answer.body())));
      } else {
        stream(answer.body());
      }
    } catch (IOException | RuntimeException e) {
      fail(errors.forFailure(e));
    }
  }

  private void stream(InputStream in) throws IOException {
    var buffers = readBuffers.borrow();
    try {
      var pcm = new PcmAssembler(buffers.samples());
      var buffer = buffers.bytes();
      int read;
      while ((read = in.read(buffer)) >= 0) {
        int count = pcm.accept(buffer, read);
        if (count > 0 && !deliver(pcm.samples(), count)) {
          abort(); // the rest of the audio would be read for nothing
          return;
        }
      }
    } finally {
      readBuffers.giveBack(buffers); // the listener copied what it was given
    }
    complete();
  }

  private boolean deliver(short[] samples, int count) {
    lock.lock();
    try {
      if (finished) {
        return false;
      }
      listener.onAudio(samples, count, format);
      return true;
    } catch (RuntimeException e) {
      // A listener that throws cannot take more audio: end the stream rather than retry.
      finished = true;
      LOG.log(System.Logger.Level.WARNING, "Audio listener failed; speech stream stopped", e);
      return false;
    } finally {
      lock.unlock();
    }
  }

  private void complete() {
    lock.lock();
    try {
      if (finished) {
        return;
      }
      finished = true;
      listener.onComplete();
    } finally {
      lock.unlock();
    }
  }

  private void fail(VoiceException error) {
    lock.lock();
    try {
      if (finished) {
        return;
      }
      finished = true;
      listener.onError(error);
    } finally {
      lock.unlock();
    }
  }

  private void timeOut() {
    if (!isFinished()) {
      fail(errors.timedOut());
      abort();
    }
  }

  private boolean isFinished() {
    lock.lock();
    try {
      return finished;
    } finally {
      lock.unlock();
    }
  }

  /** Drops the connection: the vendor stops generating and the reading thread wakes up. */
  private void abort() {
    var current = exchange;
    if (current != null) {
      current.abort();
    }
  }

  private static String errorBody(InputStream in) throws IOException {
    return new String(in.readNBytes(MAX_ERROR_BODY_BYTES), StandardCharsets.UTF_8);
  }
}
