package dev.parley.voice.tts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.character.Gender;
import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import dev.parley.voice.audio.AudioFormat;
import dev.parley.voice.audio.Pcm16;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TextToSpeech} adapter promises. The in-process engine synthesizes for real;
 * cloud adapters talk to a loopback server speaking the vendor's real protocol, which streams
 * generated audio back.
 */
public abstract class TextToSpeechContractTest {

  protected abstract TextToSpeech engine();

  /** Makes a fake provider fail the next request; returns the expected code, or null. */
  protected abstract VoiceErrorCode scriptUnavailable();

  protected SpeechRequest request(String text) {
    return new SpeechRequest(text, "en-US-female-1", Gender.FEMALE, "en-US", 1.0);
  }

  @Test
  void speaksASentenceAsAudibleStreamedPcm() throws Exception {
    var recorder = new Recorder();
    engine().speak(request("Hello, how are you today?"), recorder);
    recorder.done.get(60, TimeUnit.SECONDS);

    assertThat(recorder.chunks).isNotEmpty();
    assertThat(recorder.formats).hasSize(1);
    var samples = recorder.samples();
    double seconds = samples.length / (double) recorder.formats.getFirst().sampleRate();
    assertThat(seconds).isBetween(0.3, 10.0);
    assertThat(Pcm16.rms(samples)).isGreaterThan(0.01);
  }

  @Test
  void cancelStopsTheAudio() throws Exception {
    var recorder = new Recorder();
    var text =
        "This is a long answer. It goes on and on, sentence after sentence, "
            .repeat(8);
    var stream = engine().speak(request(text), recorder);
    assertThat(recorder.firstChunk.await(60, TimeUnit.SECONDS)).isTrue();
    stream.cancel();
    int chunksAtCancel = recorder.chunks.size();
    Thread.sleep(300);
    assertThat(recorder.chunks.size()).isEqualTo(chunksAtCancel);
    stream.cancel();
  }

  @Test
  void providerOutageIsAnErrorWithACode() throws Exception {
    var expected = scriptUnavailable();
    if (expected == null) {
      return;
    }
    var recorder = new Recorder();
    engine().speak(request("Hello."), recorder);
    try {
      recorder.done.get(60, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(VoiceException.class);
      assertThat(((VoiceException) e.getCause()).code()).isEqualTo(expected);
    }
  }

  @Test
  void reportsProviderAndModel() {
    assertThat(engine().info().provider()).isNotBlank();
    assertThat(engine().info().model()).isNotBlank();
  }

  /** Collects a stream's audio and outcome. */
  protected static final class Recorder implements AudioListener {
    public final List<short[]> chunks = new CopyOnWriteArrayList<>();
    public final List<AudioFormat> formats = new CopyOnWriteArrayList<>();
    public final CompletableFuture<Void> done = new CompletableFuture<>();
    public final CountDownLatch firstChunk = new CountDownLatch(1);

    /** Public so adapter tests in other packages can record streams of their own. */
    public Recorder() {}

    @Override
    public void onAudio(short[] samples, int count, AudioFormat format) {
      chunks.add(Arrays.copyOf(samples, count));
      if (!formats.contains(format)) {
        formats.add(format);
      }
      firstChunk.countDown();
    }

    @Override
    public void onComplete() {
      done.complete(null);
    }

    @Override
    public void onError(VoiceException error) {
      done.completeExceptionally(error);
    }

    public short[] samples() {
      var total = new AtomicInteger();
      chunks.forEach(c -> total.addAndGet(c.length));
      var all = new short[total.get()];
      int at = 0;
      for (short[] chunk : chunks) {
        System.arraycopy(chunk, 0, all, at, chunk.length);
        at += chunk.length;
      }
      return all;
    }
  }
}
