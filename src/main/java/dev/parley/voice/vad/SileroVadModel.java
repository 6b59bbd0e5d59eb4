package dev.parley.voice.vad;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The Silero VAD v5 network, loaded once and shared by every stream: an {@link OrtSession} may be
 * run from many threads at once, and each {@link SileroVad} carries its own recurrent state. One
 * intra-op thread: a 32 ms frame costs well under a millisecond, so parallelism inside a call only
 * adds hand-off overhead; concurrency comes from many sessions.
 */
public final class SileroVadModel implements AutoCloseable {

  /** The model shipped in the jar (MIT, Silero Team; see THIRD-PARTY-NOTICES.md). */
  public static final String BUNDLED = "vad/silero_vad_v5.onnx";

  static final int SAMPLE_RATE = 16_000;

  /** Milliseconds into a stream at {@link #SAMPLE_RATE}, as the endpointers report positions. */
  static long millis(long samples) {
    return samples * 1000 / SAMPLE_RATE;
  }

  private final OrtEnvironment environment;
  private final OrtSession session;
  private final OnnxTensor sampleRate;

  private SileroVadModel(byte[] onnx, String origin) {
    environment = OrtEnvironment.getEnvironment();
    try (var options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      session = environment.createSession(onnx, options);
      sampleRate =
          OnnxTensor.createTensor(
              environment, LongBuffer.wrap(new long[] {SAMPLE_RATE}), new long[0]);
    } catch (OrtException | RuntimeException e) {
      throw new VoiceException(
          VoiceErrorCode.MODEL_NOT_CONFIGURED,
          "Could not load the Silero VAD model from " + origin + ": " + e.getMessage(),
          e);
    }
    if (!session.getInputNames().equals(Set.of("input", "state", "sr"))
        || !session.getOutputNames().containsAll(Set.of("output", "stateN"))) {
      close();
      throw new VoiceException(
          VoiceErrorCode.MODEL_NOT_CONFIGURED,
          origin
              + " is not a Silero VAD v5 model (inputs "
              + session.getInputNames()
              + ", outputs "
              + session.getOutputNames()
              + "); use silero_vad_v5.onnx or leave parley.voice.vad.model unset");
    }
  }

  /** The model in the jar. */
  public static SileroVadModel loadBundled() {
    try (InputStream in = SileroVadModel.class.getClassLoader().getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new VoiceException(
            VoiceErrorCode.MODEL_NOT_CONFIGURED,
            "The Silero VAD model is missing from the classpath (" + BUNDLED + "); rebuild Parley");
      }
      return new SileroVadModel(in.readAllBytes(), "classpath:" + BUNDLED);
    } catch (IOException e) {
      throw new VoiceException(
          VoiceErrorCode.MODEL_NOT_CONFIGURED,
          "Could not read " + BUNDLED + ": " + e.getMessage(),
          e);
    }
  }

  /** A model file on disk, e.g. a newer Silero release with the same interface. */
  public static SileroVadModel load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new VoiceException(
          VoiceErrorCode.MODEL_NOT_CONFIGURED,
          "Silero VAD model file "
              + file.toAbsolutePath()
              + " does not exist; fix parley.voice.vad.model or leave it unset to use the bundled"
              + " model");
    }
    try {
      return new SileroVadModel(Files.readAllBytes(file), file.toAbsolutePath().toString());
    } catch (IOException e) {
      throw new VoiceException(
          VoiceErrorCode.MODEL_NOT_CONFIGURED, "Could not read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Fresh state for one audio stream. */
  public SileroVad newStream() {
    return new SileroVad(this);
  }

  OrtEnvironment environment() {
    return environment;
  }

  /** The inputs of one run: the sample rate is the model's, the rest the stream's. */
  Map<String, OnnxTensor> inputs(OnnxTensor input, OnnxTensor state) {
    return Map.of("input", input, "state", state, "sr", sampleRate);
  }

  /** Runs the network, writing into the caller's {@code output} and {@code stateN} tensors. */
  OrtSession.Result run(Map<String, OnnxTensor> inputs, Map<String, OnnxTensor> outputs)
      throws OrtException {
    return session.run(inputs, outputs);
  }

  @Override
  public void close() {
    try {
      if (sampleRate != null) {
        sampleRate.close();
      }
      session.close();
    } catch (OrtException e) {
      throw new VoiceException(VoiceErrorCode.PROVIDER_ERROR, "Closing the VAD model failed", e);
    }
  }
}
