package dev.parley.voice.stt.cloud;

import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import dev.parley.voice.audio.AudioFormat;
import dev.parley.voice.audio.Pcm16;
import dev.parley.voice.audio.Wav;
import dev.parley.voice.stt.Transcript;
import dev.parley.voice.stt.Transcription;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One utterance, buffered until {@link #finish()} and then sent in one request. */
final class OpenAiTranscription implements Transcription {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** OpenAI takes files up to 25 MB; ten minutes of 16 kHz PCM16 is 19 MB. */
  private static final int MAX_AUDIO_BYTES = AudioFormat.PIPELINE.bytesFor(10 * 60_000);

  /** OpenAI refuses audio shorter than 0.1 s; such a turn is silence. */
  private static final int MIN_AUDIO_SAMPLES = AudioFormat.PIPELINE_RATE / 10;

  private final HttpClient http;
  private final OpenAiTranscriptionProperties properties;
  private final ProviderErrors errors;
  private final String language;
  private final GuardedListener listener;
  private final ByteArrayOutputStream audio = new ByteArrayOutputStream();
  private boolean finished;
  private CompletableFuture<?> request;

  OpenAiTranscription(
      HttpClient http,
      OpenAiTranscriptionProperties properties,
      ProviderErrors errors,
      String language,
      GuardedListener listener) {
    this.http = http;
    this.properties = properties;
    this.errors = errors;
    this.language = language;
    this.listener = listener;
  }

  @Override
  public void accept(short[] samples) {
    synchronized (this) {
      if (finished || listener.isClosed()) {
        return;
      }
      if (audio.size() + samples.length * 2 <= MAX_AUDIO_BYTES) {
        audio.writeBytes(Pcm16.toBytes(samples));
        return;
      }
      finished = true;
    }
    listener.fail(
        new VoiceException(VoiceErrorCode.BAD_AUDIO, "An utterance may last ten minutes at most."));
  }

  @Override
  public void finish() {
    short[] samples;
    synchronized (this) {
      if (finished || listener.isClosed()) {
        return;
      }
      finished = true;
      samples = Pcm16.toShorts(audio.toByteArray());
    }
    long millis = Math.round(AudioFormat.PIPELINE.millisOf(samples.length));
    if (samples.length < MIN_AUDIO_SAMPLES) {
      listener.complete(new Transcript("", -1, millis));
      return;
    }
    var body =
        new Multipart()
            .file(
                "file",
                "utterance.wav",
                "audio/wav",
                Wav.encode(new Wav.Clip(AudioFormat.PIPELINE, samples)))
            .field("model", properties.model())
            .field("language", language)
            .field("response_format", "json");
    var builder =
        HttpRequest.newBuilder(URI.create(properties.baseUrl() + "/audio/transcriptions"))
            .timeout(properties.timeout())
            .header("Content-Type", body.contentType())
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toBytes()));
    if (properties.apiKey() != null) {
      builder.header("Authorization", "Bearer " + properties.apiKey());
    }
    var sent = http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofString());
    sent.whenComplete(
        (response, error) -> {
          if (error != null) {
            listener.fail(errors.forFailure(error));
          } else {
            answer(response, millis);
          }
        });
    synchronized (this) {
      request = sent;
    }
  }

  @Override
  public void cancel() {
    listener.close();
    CompletableFuture<?> inFlight;
    synchronized (this) {
      finished = true;
      inFlight = request;
    }
    if (inFlight != null) {
      inFlight.cancel(true);
    }
  }

  private void answer(HttpResponse<String> response, long millis) {
    if (response.statusCode() / 100 != 2) {
      listener.fail(errors.forStatus(response.statusCode(), response.body()));
      return;
    }
    JsonNode text;
    try {
      text = JSON.readTree(response.body()).path("text");
    } catch (JacksonException e) {
      listener.fail(
          new VoiceException(
              VoiceErrorCode.PROVIDER_ERROR, "The transcription response is not JSON.", e));
      return;
    }
    if (text.isString()) {
      listener.complete(new Transcript(text.asString().strip(), -1, millis));
    } else {
      listener.fail(
          new VoiceException(
              VoiceErrorCode.PROVIDER_ERROR,
              "The transcription response has no \"text\": " + response.body()));
    }
  }
}
