package dev.parley.voice.stt.cloud;

import dev.parley.testing.Collected;
import dev.parley.testing.FakeDeepgramServer;
import dev.parley.testing.Flite;
import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.audio.Pcm16;
import dev.parley.voice.stt.SpeechToText;
import dev.parley.voice.stt.SpeechToTextContractTest;
import dev.parley.voice.stt.Transcription;
import dev.parley.voice.stt.TranscriptionOptions;
import java.lang.ref.WeakReference;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DeepgramContractTest extends SpeechToTextContractTest {

  private static final String FIRST = "The quick brown fox";
  private static final String SECOND = "jumps over the lazy dog.";
  private static final String SENTENCE = FIRST + " " + SECOND;

  private static FakeDeepgramServer server;
  private static SpeechToText engine;

  @BeforeAll
  static void startServer() {
    server = FakeDeepgramServer.start();
    engine =
        CloudSpeechToText.deepgram(properties("test-key", server.baseUrl(), Duration.ofSeconds(5)));
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void resetServer() {
    server.reset();
  }

  @Override
  protected SpeechToText engine() {
    return engine;
  }

  @Override
  protected Utterance utterance() {
    return new Utterance(Flite.say(SENTENCE), SENTENCE);
  }

  @Override
  protected boolean scriptTranscript(String text) {
    server.reset();
    server.enqueueTranscript(text);
    return true;
  }

  @Override
  protected VoiceErrorCode scriptUnavailable() {
    server.reset();
    server.enqueueFailure(503);
    return VoiceErrorCode.PROVIDER_UNAVAILABLE;
  }

  @Test
  void partialsGrowInOrderFromInterimAndFinalResults() throws Exception {
    server.enqueueTranscript(FIRST, SECOND);
    var listener = new Recorder();
    var transcription = engine.open(new TranscriptionOptions("en-US", true), listener);
    feedInChunks(transcription, Flite.say(SENTENCE).samples(), 20);
    transcription.finish();

    assertThat(listener.transcript().text()).isEqualTo(SENTENCE);
    assertThat(listener.partials)
        .containsExactly(
            "The",
            "The quick",
            "The quick brown",
            "The quick brown fox",
            "The quick brown fox jumps",
            "The quick brown fox jumps over",
            "The quick brown fox jumps over the",
            "The quick brown fox jumps over the lazy",
            SENTENCE);
    assertThat(listener.outcomes).hasValue(1);
  }

  @Test
  void aFinishedTranscriptionIsLetGoBeforeItsChecksAreDue() throws Exception {
    // Its final-transcript timeout (a minute here) and keep-alive are called off when it ends.
    var patient =
        CloudSpeechToText.deepgram(
            properties("test-key", server.baseUrl(), Duration.ofSeconds(60)));
    server.enqueueTranscript(SENTENCE);
    var listener = new Recorder();
    var transcription =
        new WeakReference<>(patient.open(new TranscriptionOptions("en-US", true), listener));
    feedInChunks(transcription.get(), Flite.say(SENTENCE).samples(), 20);
    transcription.get().finish();
    assertThat(listener.transcript().text()).isEqualTo(SENTENCE);

    Collected.within(Duration.ofSeconds(10), transcription);
  }

  @Test
  void withoutPartialsOnlyTheFinalArrivesAndNoInterimResultsAreAskedFor() throws Exception {
    server.enqueueTranscript(FIRST, SECOND);
    var listener = new Recorder();
    var transcription = engine.open(new TranscriptionOptions("en-US", false), listener);
    feedInChunks(transcription, Flite.say(SENTENCE).samples(), 20);
    transcription.finish();

    assertThat(listener.transcript().text()).isEqualTo(SENTENCE);
    assertThat(listener.partials).isEmpty();
    assertThat(server.lastSession().query()).containsEntry("interim_results", "false");
  }

  @Test
  void audioSentWhileConnectingArrivesWhole() throws Exception {
    server.handshakeDelay(Duration.ofMillis(700)).enqueueTranscript(SENTENCE);
    var samples = Flite.say(SENTENCE).samples();
    var listener = new Recorder();
    var transcription = engine.open(new TranscriptionOptions("en-US", true), listener);
    feedInChunks(transcription, samples, 20);
    transcription.finish();

    var transcript = listener.transcript();
    assertThat(transcript.text()).isEqualTo(SENTENCE);
    assertThat(server.lastSession().audio()).isEqualTo(Pcm16.toBytes(samples));
    assertThat(transcript.audioMillis()).isEqualTo(Math.round(samples.length / 16.0));
  }

  @Test
  void audioGoesOutInBatchesAndFinishSendsTheRest() throws Exception {
    var samples = ramp(17_000);

    var session = sent(samples, transcription -> feedInChunks(transcription, samples, 20));

    // Fifty-three chunks of 20 ms and one of 40 samples: five batches of 3,200 samples (200 ms),
    // then the 1,000 left when finish() came.
    assertThat(session.audioFrameBytes()).containsExactly(6_400, 6_400, 6_400, 6_400, 6_400, 2_000);
  }

  @Test
  void aChunkAsLongAsABatchGoesOutAsItIsUnlessSamplesWaitBeforeIt() throws Exception {
    var samples = ramp(14_920);

    var session =
        sent(
            samples,
            transcription -> {
              feedInChunks(transcription, Arrays.copyOf(samples, 9_600), 200);
              transcription.accept(Arrays.copyOfRange(samples, 9_600, 9_920));
              transcription.accept(Arrays.copyOfRange(samples, 9_920, 14_920));
            });

    // Three 200 ms chunks as they came; then 320 samples wait, so the rest is batched: one batch
    // of 3,200 samples and the 2,120 left when finish() came.
    assertThat(session.audioFrameBytes()).containsExactly(6_400, 6_400, 6_400, 6_400, 4_240);
  }

  @Test
  void utterancesBatchingAtOnceEachSendTheirOwnAudio() throws Exception {
    // Batches are lent from one pool: two utterances taking turns must not mix their samples.
    server.enqueueTranscript(SENTENCE).enqueueTranscript(SENTENCE);
    var first = ramp(8_000);
    var second = new short[8_000];
    Arrays.fill(second, (short) -7);
    var firstListener = new Recorder();
    var secondListener = new Recorder();
    var one = engine.open(new TranscriptionOptions("en-US", true), firstListener);
    var other = engine.open(new TranscriptionOptions("en-US", true), secondListener);
    for (int from = 0; from < 8_000; from += 1_600) {
      one.accept(Arrays.copyOfRange(first, from, from + 1_600));
      other.accept(Arrays.copyOfRange(second, from, from + 1_600));
    }
    one.finish();
    other.finish();
    firstListener.transcript();
    secondListener.transcript();

    assertThat(server.sessions())
        .extracting(session -> ByteBuffer.wrap(session.audio()))
        .containsExactlyInAnyOrder(
            ByteBuffer.wrap(Pcm16.toBytes(first)), ByteBuffer.wrap(Pcm16.toBytes(second)));
  }

  /** Feeds {@code samples} as {@code feed} does, finishes, and checks they all came, in order. */
  private FakeDeepgramServer.RecordedSession sent(short[] samples, Consumer<Transcription> feed)
      throws Exception {
    server.enqueueTranscript(SENTENCE);
    var listener = new Recorder();
    var transcription = engine.open(new TranscriptionOptions("en-US", true), listener);
    feed.accept(transcription);
    transcription.finish();
    listener.transcript();
    var session = server.lastSession();
    assertThat(session.audio()).isEqualTo(Pcm16.toBytes(samples));
    return session;
  }

  /** Samples that differ from their neighbours, so that a reordering or a gap shows. */
  private static short[] ramp(int length) {
    var samples = new short[length];
    for (int i = 0; i < length; i++) {
      samples[i] = (short) (i * 31);
    }
    return samples;
  }

  @Test
  void sendsTheKeyTheListenParametersAndTheClosingMessages() throws Exception {
    server.enqueueTranscript("Hola.");
    var listener = new Recorder();
    var transcription = engine.open(new TranscriptionOptions("es-ES", true), listener);
    feedInChunks(transcription, new short[8_000], 20);
    transcription.finish();
    listener.transcript();

    var session = server.lastSession();
    assertThat(session.path()).isEqualTo("/v1/listen");
    assertThat(session.header("Authorization")).isEqualTo("Token test-key");
    assertThat(session.query())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "model", "nova-3",
                "encoding", "linear16",
                "sample_rate", "16000",
                "channels", "1",
                "interim_results", "true",
                "language", "es",
                "punctuate", "true",
                "smart_format", "true"));
    assertThat(session.controlMessages()).containsExactly("Finalize", "CloseStream");
  }

  @Test
  void regionalVariantsDeepgramKnowsAreSentWhole() throws Exception {
    server.enqueueTranscript("Hello.");
    var listener = new Recorder();
    var transcription = engine.open(new TranscriptionOptions("en-GB", false), listener);
    transcription.accept(new short[3_200]);
    transcription.finish();
    listener.transcript();

    assertThat(server.lastSession().query()).containsEntry("language", "en-GB");
  }

  @Test
  void aPauseInTheAudioSendsKeepAlivesSoDeepgramKeepsTheSocket() throws Exception {
    server.enqueueTranscript("Hello.");
    var listener = new Recorder();
    var transcription = engine.open(new TranscriptionOptions("en-US", true), listener);
    transcription.accept(new short[3_200]);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> server.lastSession().controlMessages().contains("KeepAlive"));
    transcription.finish();

    assertThat(listener.transcript().text()).isEqualTo("Hello.");
    assertThat(server.lastSession().controlMessages()).endsWith("Finalize", "CloseStream");
  }

  @Test
  void aRefusedKeyIsAProviderErrorNamingTheSetting() {
    server.enqueueFailure(401);
    var listener = new Recorder();
    engine.open(new TranscriptionOptions("en-US", true), listener).accept(new short[320]);

    var error = listener.error();
    assertThat(error.code()).isEqualTo(VoiceErrorCode.PROVIDER_ERROR);
    assertThat(error.getMessage()).contains("PARLEY_VOICE_STT_DEEPGRAM_API_KEY", "401");
  }

  @Test
  void aRateLimitAtTheHandshakeIsRateLimited() {
    server.enqueueFailure(429);
    var listener = new Recorder();
    engine.open(new TranscriptionOptions("en-US", true), listener);

    assertThat(listener.error().code()).isEqualTo(VoiceErrorCode.RATE_LIMITED);
  }

  @Test
  void anErrorInTheCloseFrameEndsTheTranscription() {
    server.enqueueStreamError(1011, "NET-0000: The service has experienced an internal error.");
    var listener = new Recorder();
    var transcription = engine.open(new TranscriptionOptions("en-US", true), listener);
    feedInChunks(transcription, new short[8_000], 20);

    var error = listener.error();
    assertThat(error.code()).isEqualTo(VoiceErrorCode.PROVIDER_UNAVAILABLE);
    assertThat(error.getMessage()).contains("NET-0000");
    transcription.finish();
    assertThat(listener.outcomes).hasValue(1);
  }

  @Test
  void undecodableAudioIsBadAudio() {
    server.enqueueStreamError(1008, "DATA-0000: The payload cannot be decoded as audio.");
    var listener = new Recorder();
    engine.open(new TranscriptionOptions("en-US", true), listener).accept(new short[320]);

    assertThat(listener.error().code()).isEqualTo(VoiceErrorCode.BAD_AUDIO);
  }

  @Test
  void anUnreachableServerIsUnavailable() throws Exception {
    int closedPort;
    try (var socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    var unreachable =
        CloudSpeechToText.deepgram(
            properties("test-key", "ws://127.0.0.1:" + closedPort + "/v1", Duration.ofSeconds(5)));
    var listener = new Recorder();
    unreachable.open(new TranscriptionOptions("en-US", true), listener);

    var error = listener.error();
    assertThat(error.code()).isEqualTo(VoiceErrorCode.PROVIDER_UNAVAILABLE);
    assertThat(error.getMessage()).contains("PARLEY_VOICE_STT_DEEPGRAM_BASE_URL");
  }

  @Test
  void aFinalThatNeverComesIsATimeout() {
    server.enqueueSilence();
    var impatient =
        CloudSpeechToText.deepgram(
            properties("test-key", server.baseUrl(), Duration.ofMillis(800)));
    var listener = new Recorder();
    var transcription = impatient.open(new TranscriptionOptions("en-US", true), listener);
    feedInChunks(transcription, new short[8_000], 20);
    transcription.finish();

    assertThat(listener.error().code()).isEqualTo(VoiceErrorCode.TIMEOUT);
    await().atMost(Duration.ofSeconds(10)).until(() -> server.lastSession().closedByClient());
  }

  @Test
  void aVendorThatStopsReadingFailsTheTranscriptionAndFreesTheSender() throws Exception {
    server.enqueueStall();
    var impatient =
        CloudSpeechToText.deepgram(
            properties("test-key", server.baseUrl(), Duration.ofMillis(500)));
    var listener = new Recorder();
    var transcription = impatient.open(new TranscriptionOptions("en-US", true), listener);
    await().atMost(Duration.ofSeconds(10)).until(() -> !server.sessions().isEmpty());
    Thread.sleep(500); // the handshake's answer reaches the client: audio is written, not queued
    // Far more than the loopback's socket buffers hold: the sending thread ends up blocked in a
    // write until the transcription gives up on the vendor.
    // On the common pool, as anything may be: the watchdog must not need one of its threads.
    var sent =
        CompletableFuture.runAsync(
            () -> {
              for (int i = 0; i < 20_000 && !listener.result.isDone(); i++) {
                transcription.accept(new short[16_000]);
              }
            });

    assertThat(listener.error().code()).isEqualTo(VoiceErrorCode.PROVIDER_UNAVAILABLE);
    assertThat(listener.error().getMessage()).contains("a send blocked");
    sent.get(10, TimeUnit.SECONDS);
  }

  @Test
  void cancelClosesTheSocketAndSilencesTheListener() throws Exception {
    server.enqueueTranscript(FIRST, SECOND);
    var listener = new Recorder();
    var transcription = engine.open(new TranscriptionOptions("en-US", true), listener);
    feedInChunks(transcription, Flite.say(SENTENCE).samples(), 20);
    await().atMost(Duration.ofSeconds(10)).until(() -> !listener.partials.isEmpty());
    transcription.cancel();
    int partialsAtCancel = listener.partials.size();
    transcription.finish();

    await().atMost(Duration.ofSeconds(10)).until(() -> server.lastSession().closedByClient());
    Thread.sleep(300);
    assertThat(listener.partials).hasSize(partialsAtCancel);
    assertThat(listener.result).isNotDone();
    assertThat(server.lastSession().controlMessages()).doesNotContain("Finalize", "CloseStream");
  }

  @Test
  void withoutAKeyEveryTranscriptionSaysWhichVariableToSet() {
    var unconfigured = CloudSpeechToText.deepgram(DeepgramProperties.withKey(" "));
    var listener = new Recorder();
    unconfigured.open(new TranscriptionOptions("en-US", true), listener);

    var error = listener.error();
    assertThat(error.code()).isEqualTo(VoiceErrorCode.MODEL_NOT_CONFIGURED);
    assertThat(error.getMessage()).contains("PARLEY_VOICE_STT_DEEPGRAM_API_KEY");
    assertThat(unconfigured.info().model()).isEqualTo("nova-3");
  }

  @Test
  void supportsNova3LanguagesOnly() {
    assertThat(List.of("en-US", "es-ES", "de", "ja-JP", "zh-TW")).allMatch(engine::supports);
    assertThat(List.of("xx", "", "kl-GL")).noneMatch(engine::supports);
  }

  private static DeepgramProperties properties(String key, String baseUrl, Duration timeout) {
    return new DeepgramProperties(key, baseUrl, null, timeout);
  }
}
