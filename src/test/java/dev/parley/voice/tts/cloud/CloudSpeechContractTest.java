package dev.parley.voice.tts.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.character.Gender;
import dev.parley.testing.Collected;
import dev.parley.testing.FakeSpeechServer;
import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import dev.parley.voice.audio.Pcm16;
import dev.parley.voice.tts.SpeechRequest;
import dev.parley.voice.tts.TextToSpeech;
import dev.parley.voice.tts.TextToSpeechContractTest;
import java.net.ServerSocket;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract plus what every cloud adapter owes on top of it, each against a loopback server
 * speaking its vendor's protocol: audio streams as it arrives, whole samples survive odd chunk
 * boundaries, cancel hangs up, and every failure reaches the listener with its code.
 */
abstract class CloudSpeechContractTest extends TextToSpeechContractTest {

  static final CloudTtsProperties.Timeouts TIMEOUTS =
      new CloudTtsProperties.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30));

  FakeSpeechServer fake;
  private TextToSpeech engine;

  abstract FakeSpeechServer startFake();

  /** The vendor's block of an empty configuration. */
  abstract CloudTtsProperties.Vendor defaults();

  abstract TextToSpeech create(
      CloudTtsProperties.Vendor vendor, CloudTtsProperties.Timeouts timeouts);

  abstract String apiKeyVariable();

  abstract int sampleRate();

  @BeforeEach
  void startFakeVendor() {
    fake = startFake();
    // Paced like a vendor generating audio, so cancel lands mid-stream.
    fake.chunkDelay(Duration.ofMillis(5));
    engine = create(vendor(), TIMEOUTS);
  }

  @AfterEach
  void stopFakeVendor() {
    fake.close();
  }

  CloudTtsProperties.Vendor vendor() {
    return defaults().withBaseUrl(fake.baseUrl()).withApiKey("test-key");
  }

  @Override
  protected TextToSpeech engine() {
    return engine;
  }

  @Override
  protected VoiceErrorCode scriptUnavailable() {
    fake.enqueueFailure(503);
    return VoiceErrorCode.PROVIDER_UNAVAILABLE;
  }

  Recorder speak(TextToSpeech tts, SpeechRequest request) throws Exception {
    var recorder = new Recorder();
    tts.speak(request, recorder);
    try {
      recorder.done.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException ignored) {
      // The caller looks at the outcome.
    }
    return recorder;
  }

  static VoiceException failure(Recorder recorder) {
    assertThat(recorder.done).isCompletedExceptionally();
    try {
      recorder.done.join();
      throw new AssertionError("unreachable");
    } catch (java.util.concurrent.CompletionException e) {
      return (VoiceException) e.getCause();
    }
  }

  static SpeechRequest say(String text, String voice, Gender gender, String language, double rate) {
    return new SpeechRequest(text, voice, gender, language, rate);
  }

  @Test
  void samplesSplitAcrossOddChunksArriveWhole() throws Exception {
    fake.chunkDelay(Duration.ofMillis(1)).chunkBytes(1_001);
    var text = "Samples cut in odd places.";

    var recorder = speak(engine, request(text));

    assertThat(recorder.done).isCompleted();
    assertThat(recorder.formats)
        .singleElement()
        .satisfies(f -> assertThat(f.sampleRate()).isEqualTo(sampleRate()));
    assertThat(recorder.chunks.size()).isGreaterThan(1);
    assertThat(recorder.samples())
        .isEqualTo(Pcm16.toShorts(FakeSpeechServer.tone(text, sampleRate())));
  }

  @Test
  void audioComesInPiecesOfAtMost200Milliseconds() throws Exception {
    // One piece becomes one reply frame (200 ms by default), however the vendor cuts its chunks.
    fake.chunkDelay(Duration.ZERO).chunkBytes(16_001);
    var text = "A sentence long enough to take the vendor a second or two of audio to say.";

    var recorder = speak(engine, request(text));

    assertThat(recorder.done).isCompleted();
    assertThat(recorder.chunks)
        .allSatisfy(chunk -> assertThat(chunk.length).isLessThanOrEqualTo(sampleRate() / 5));
    assertThat(recorder.samples())
        .isEqualTo(Pcm16.toShorts(FakeSpeechServer.tone(text, sampleRate())));
  }

  @Test
  void streamsAtOnceEachGetTheirOwnAudio() throws Exception {
    // Read buffers are lent from one pool: streams in flight together must not share one.
    fake.chunkDelay(Duration.ofMillis(2)).chunkBytes(2_001);
    var texts = List.of("The first of three sentences.", "A second one, a little longer.", "Third.");
    var recorders = new ArrayList<Recorder>();
    for (var text : texts) {
      var recorder = new Recorder();
      engine.speak(request(text), recorder);
      recorders.add(recorder);
    }

    for (int i = 0; i < texts.size(); i++) {
      recorders.get(i).done.get(30, TimeUnit.SECONDS);
      assertThat(recorders.get(i).samples())
          .isEqualTo(Pcm16.toShorts(FakeSpeechServer.tone(texts.get(i), sampleRate())));
    }
  }

  @Test
  void aFinishedStreamIsLetGoBeforeItsTimeout() throws Exception {
    // The timeout (30 s here) is called off when the stream ends: a server speaking hundreds of
    // sentences a second must not keep each one, and its buffers, for the timeout's length.
    var recorder = new Recorder();
    var stream = new WeakReference<>(engine.speak(request("Over already."), recorder));
    recorder.done.get(10, TimeUnit.SECONDS);

    Collected.within(Duration.ofSeconds(10), stream);
  }

  @Test
  void audioReachesTheListenerBeforeTheVendorFinishes() throws Exception {
    fake.chunkDelay(Duration.ofMillis(50)).chunkBytes(4_001);
    var recorder = new Recorder();
    var stream =
        engine.speak(request("A long sentence that takes the vendor a while to say."), recorder);

    assertThat(recorder.firstChunk.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(fake.completedStreams()).isZero();
    stream.cancel();
  }

  @Test
  void cancelHangsUpOnTheVendor() throws Exception {
    fake.chunkDelay(Duration.ofMillis(20)).chunkBytes(1_001);
    var recorder = new Recorder();
    var stream =
        engine.speak(request("A long answer, sentence after sentence. ".repeat(10)), recorder);
    assertThat(recorder.firstChunk.await(10, TimeUnit.SECONDS)).isTrue();

    stream.cancel();
    int heard = recorder.chunks.size();

    await().atMost(Duration.ofSeconds(10)).until(() -> fake.abortedStreams() == 1);
    assertThat(fake.completedStreams()).isZero();
    assertThat(recorder.chunks).hasSize(heard);
    assertThat(recorder.done).isNotDone();
  }

  @Test
  void rejectedKeyIsAProviderErrorNamingTheVariable() throws Exception {
    for (int status : new int[] {401, 403}) {
      fake.enqueueFailure(status);

      var error = failure(speak(engine, request("Hello.")));

      assertThat(error.code()).isEqualTo(VoiceErrorCode.PROVIDER_ERROR);
      assertThat(error.getMessage()).contains(apiKeyVariable()).contains(String.valueOf(status));
    }
  }

  @Test
  void rateLimitIsRateLimited() throws Exception {
    fake.enqueueFailure(429);

    var error = failure(speak(engine, request("Hello.")));

    assertThat(error.code()).isEqualTo(VoiceErrorCode.RATE_LIMITED);
    assertThat(error.getMessage()).contains("Fake failure 429");
  }

  @Test
  void missingKeyIsNotConfiguredAndSendsNothing() throws Exception {
    var unkeyed = create(defaults().withBaseUrl(fake.baseUrl()), TIMEOUTS);

    var error = failure(speak(unkeyed, request("Hello.")));

    assertThat(error.code()).isEqualTo(VoiceErrorCode.MODEL_NOT_CONFIGURED);
    assertThat(error.getMessage()).contains(apiKeyVariable());
    assertThat(fake.requests()).isEmpty();
    assertThat(unkeyed.info().model()).isNotBlank();
  }

  @Test
  void unreachableVendorIsUnavailable() throws Exception {
    int port;
    try (var socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    var nowhere = create(vendor().withBaseUrl("http://127.0.0.1:" + port), TIMEOUTS);

    var error = failure(speak(nowhere, request("Hello.")));

    assertThat(error.code()).isEqualTo(VoiceErrorCode.PROVIDER_UNAVAILABLE);
  }

  @Test
  void slowVendorTimesOut() throws Exception {
    fake.firstByteDelay(Duration.ofSeconds(3));
    var impatient =
        create(
            vendor(),
            new CloudTtsProperties.Timeouts(Duration.ofSeconds(5), Duration.ofMillis(300)));

    var error = failure(speak(impatient, request("Hello.")));

    assertThat(error.code()).isEqualTo(VoiceErrorCode.TIMEOUT);
  }
}
