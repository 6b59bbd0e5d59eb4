package dev.parley.voice.stt.cloud;

import dev.parley.testing.FakeOpenAiTranscriptionServer;
import dev.parley.testing.Flite;
import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.audio.AudioFormat;
import dev.parley.voice.stt.SpeechToText;
import dev.parley.voice.stt.SpeechToTextContractTest;
import dev.parley.voice.stt.TranscriptionOptions;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class OpenAiTranscriptionContractTest extends SpeechToTextContractTest {

  private static final String SENTENCE = "Could I have a cup of coffee, please?";

  private static FakeOpenAiTranscriptionServer server;
  private static SpeechToText engine;

  @BeforeAll
  static void startServer() {
    server = FakeOpenAiTranscriptionServer.start();
    engine = CloudSpeechToText.openAi(properties("test-key", server.baseUrl(), null));
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

  /** Resets first: a cancelled transcription never sends, so its scripted reply would linger. */
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
  void uploadsTheUtteranceAsAMultipartWavWithModelLanguageAndFormat() throws Exception {
    server.enqueueTranscript(SENTENCE);
    var samples = Flite.say(SENTENCE).samples();
    var listener = new Recorder();
    var transcription = engine.open(new TranscriptionOptions("en-US", true), listener);
    feedInChunks(transcription, samples, 20);
    assertThat(server.requests()).as("nothing is sent before the end").isEmpty();
    transcription.finish();

    var transcript = listener.transcript();
    assertThat(transcript.text()).isEqualTo(SENTENCE);
    assertThat(transcript.audioMillis()).isEqualTo(Math.round(samples.length / 16.0));
    assertThat(listener.partials).isEmpty();

    var request = server.lastRequest();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/v1/audio/transcriptions");
    assertThat(request.header("Authorization")).isEqualTo("Bearer test-key");
    assertThat(request.header("Content-Type")).startsWith("multipart/form-data; boundary=");
    assertThat(request.fields())
        .containsEntry("model", "whisper-1")
        .containsEntry("language", "en")
        .containsEntry("response_format", "json")
        .containsEntry("file.filename", "utterance.wav")
        .containsEntry("file.content-type", "audio/wav");
    assertThat(request.clip().format()).isEqualTo(AudioFormat.PIPELINE);
    assertThat(request.clip().samples()).isEqualTo(samples);
  }

  @Test
  void groqStyleSettingsReachTheRequest() throws Exception {
    var groq =
        CloudSpeechToText.openAi(
            properties("gsk-key", server.baseUrl() + "/", "whisper-large-v3-turbo"));
    server.enqueueTranscript("¿Me pone un café, por favor?");
    var listener = new Recorder();
    var transcription = groq.open(new TranscriptionOptions("es-ES", false), listener);
    transcription.accept(new short[AudioFormat.PIPELINE_RATE]);
    transcription.finish();

    assertThat(listener.transcript().text()).isEqualTo("¿Me pone un café, por favor?");
    assertThat(groq.info().model()).isEqualTo("whisper-large-v3-turbo");
    assertThat(server.lastRequest().fields())
        .containsEntry("model", "whisper-large-v3-turbo")
        .containsEntry("language", "es");
    assertThat(server.lastRequest().header("Authorization")).isEqualTo("Bearer gsk-key");
  }

  @Test
  void aLocalServerNeedsNoKey() throws Exception {
    var local = CloudSpeechToText.openAi(properties(null, server.baseUrl(), null));
    server.enqueueTranscript("hello");
    var listener = new Recorder();
    var transcription = local.open(new TranscriptionOptions("en-US", false), listener);
    transcription.accept(new short[AudioFormat.PIPELINE_RATE / 2]);
    transcription.finish();

    assertThat(listener.transcript().text()).isEqualTo("hello");
    assertThat(server.lastRequest().header("Authorization")).isNull();
  }

  @Test
  void aRateLimitIsRateLimited() {
    assertFailure(429, VoiceErrorCode.RATE_LIMITED, "PARLEY_VOICE_STT_OPENAI_API_KEY");
  }

  @Test
  void aRefusedKeyIsAProviderErrorNamingTheSetting() {
    assertFailure(401, VoiceErrorCode.PROVIDER_ERROR, "PARLEY_VOICE_STT_OPENAI_API_KEY");
  }

  @Test
  void aRejectedRequestNamesTheModelSetting() {
    assertFailure(400, VoiceErrorCode.PROVIDER_ERROR, "PARLEY_VOICE_STT_OPENAI_MODEL");
  }

  @Test
  void anUnreachableServerIsUnavailable() throws Exception {
    int closedPort;
    try (var socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    var unreachable =
        CloudSpeechToText.openAi(
            properties("test-key", "http://127.0.0.1:" + closedPort + "/v1", null));
    var listener = new Recorder();
    var transcription = unreachable.open(new TranscriptionOptions("en-US", false), listener);
    transcription.accept(new short[AudioFormat.PIPELINE_RATE]);
    transcription.finish();

    var error = listener.error();
    assertThat(error.code()).isEqualTo(VoiceErrorCode.PROVIDER_UNAVAILABLE);
    assertThat(error.getMessage()).contains("PARLEY_VOICE_STT_OPENAI_BASE_URL");
  }

  @Test
  void tooLittleAudioIsSilenceWithoutARequest() throws Exception {
    var listener = new Recorder();
    var transcription = engine.open(new TranscriptionOptions("en-US", false), listener);
    transcription.accept(new short[160]);
    transcription.finish();

    assertThat(listener.transcript().text()).isEmpty();
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void withoutAKeyOpenAiItselfSaysWhichVariableToSet() {
    var unconfigured = CloudSpeechToText.openAi(OpenAiTranscriptionProperties.withKey(null));
    var listener = new Recorder();
    unconfigured.open(new TranscriptionOptions("en-US", false), listener);

    var error = listener.error();
    assertThat(error.code()).isEqualTo(VoiceErrorCode.MODEL_NOT_CONFIGURED);
    assertThat(error.getMessage()).contains("PARLEY_VOICE_STT_OPENAI_API_KEY");
    assertThat(unconfigured.info()).isEqualTo(engine.info());
  }

  @Test
  void aMalformedBaseUrlIsReportedWhenTranscribingNotAtStartup() {
    var misconfigured = CloudSpeechToText.openAi(properties("test-key", "api.openai.com/v1", null));
    var listener = new Recorder();
    misconfigured.open(new TranscriptionOptions("en-US", false), listener);

    var error = listener.error();
    assertThat(error.code()).isEqualTo(VoiceErrorCode.MODEL_NOT_CONFIGURED);
    assertThat(error.getMessage()).contains("PARLEY_VOICE_STT_OPENAI_BASE_URL");
  }

  private void assertFailure(int status, VoiceErrorCode expected, String setting) {
    server.enqueueFailure(status);
    var listener = new Recorder();
    var transcription = engine.open(new TranscriptionOptions("en-US", false), listener);
    transcription.accept(new short[AudioFormat.PIPELINE_RATE]);
    transcription.finish();

    var error = listener.error();
    assertThat(error.code()).isEqualTo(expected);
    assertThat(error.getMessage()).contains(setting, Integer.toString(status));
    assertThat(listener.outcomes).hasValue(1);
  }

  private static OpenAiTranscriptionProperties properties(
      String key, String baseUrl, String model) {
    return new OpenAiTranscriptionProperties(key, baseUrl, model, Duration.ofSeconds(10));
  }
}
