package dev.parley.voice.tts.cloud;

import dev.parley.voice.VoiceException;
import dev.parley.voice.audio.AudioFormat;
import dev.parley.voice.tts.AudioListener;
import dev.parley.voice.tts.SpeechStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One sentence streaming from a vendor: a virtual thread reads the HTTP body as it arrives and
 * hands each piece of PCM to the listener at once. Every call to the listener happens under a lock
 * that {@link #cancel()} also takes, so once cancel returns the listener hears nothing more.
 */
final class StreamingSpeech implements SpeechStream {

  private static final System.Logger LOG = System.getLogger(StreamingSpeech.class.getName());
  private static final int READ_BUFFER_BYTES = 8192;
  private static final int MAX_ERROR_BODY_BYTES = 16 * 1024;

  private final AudioListener listener;
  private final AudioFormat format;
  private final VendorErrors errors;
  private final ReentrantLock lock = new ReentrantLock();
  private boolean finished;
  private volatile CompletableFuture<HttpResponse<InputStream>> response;
  private volatile InputStream body;

  StreamingSpeech(AudioListener listener, AudioFormat format, VendorErrors errors) {
    this.listener = listener;
    this.format = format;
    this.errors = errors;
  }

  /** Sends the request and streams its answer on a virtual thread. */
  void start(HttpClient client, HttpRequest request) {
    Thread.ofVirtual().name("tts-" + errors.provider()).start(() -> run(client, request));
    CompletableFuture.delayedExecutor(errors.timeout().toMillis(), TimeUnit.MILLISECONDS)
        .execute(this::timeOut);
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

  private void run(HttpClient client, HttpRequest request) {
    var pending = client.sendAsync(request, BodyHandlers.ofInputStream());
    response = pending;
    if (isFinished()) {
      abort();
      return;
    }
    try {
      var answer = pending.get();
      body = answer.body();
      if (isFinished()) {
        abort();
      } else if (answer.statusCode() / 100 != 2) {
        fail(errors.forStatus(answer.statusCode(), errorBody(answer.body())));
      } else {
        stream(answer.body());
      }
    } catch (ExecutionException e) {
      fail(errors.forFailure(e.getCause()));
    } catch (IOException | CancellationException e) {
      fail(errors.forFailure(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abort();
    } finally {
      closeBody();
    }
  }

  private void stream(InputStream in) throws IOException {
    var pcm = new PcmAssembler();
    var buffer = new byte[READ_BUFFER_BYTES];
    int read;
    while ((read = in.read(buffer)) >= 0) {
      var samples = pcm.accept(buffer, read);
      if (samples.length > 0 && !deliver(samples)) {
        return;
      }
    }
    complete();
  }

  private boolean deliver(short[] samples) {
    lock.lock();
    try {
      if (finished) {
        return false;
      }
      listener.onAudio(samples, format);
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
    var pending = response;
    if (pending != null) {
      pending.cancel(true);
    }
    closeBody();
  }

  private void closeBody() {
    var in = body;
    if (in != null) {
      try {
        in.close();
      } catch (IOException ignored) {
        // Closing is best effort: the connection is being dropped anyway.
      }
    }
  }

  private static String errorBody(InputStream in) throws IOException {
    return new String(in.readNBytes(MAX_ERROR_BODY_BYTES), StandardCharsets.UTF_8);
  }
}
