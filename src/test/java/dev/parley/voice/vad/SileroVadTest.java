package dev.parley.voice.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SileroVadTest {

  private static final int FRAME = FrameClassifier.FRAME_SAMPLES;

  @TempDir static Path dir;
  private static SileroVadModel model;
  private static short[] clip;
  private static int speechStart;
  private static int speechEnd;

  @BeforeAll
  static void load() throws Exception {
    model = SileroVadModel.loadBundled();
    var utterance = TestAudio.say("Could you tell me the way to the railway station?");
    speechStart = TestAudio.samples(1000);
    speechEnd = speechStart + utterance.length;
    clip = TestAudio.concat(TestAudio.silence(1000), utterance, TestAudio.silence(1000));
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void speechFramesScoreHighAndSilenceLow() {
    var probabilities = probabilities(model.newStream(), clip);
    double silenceMax = 0;
    double speechMean = 0;
    int speechFrames = 0;
    for (int f = 0; f < probabilities.length; f++) {
      int start = f * FRAME;
      if (start + FRAME < speechStart - 1600 || start > speechEnd + 8000) {
        silenceMax = Math.max(silenceMax, probabilities[f]);
      } else if (start > speechStart + 1600 && start + FRAME < speechEnd - 1600) {
        speechMean += probabilities[f];
        speechFrames++;
      }
    }
    assertThat(silenceMax).isLessThan(0.1);
    assertThat(speechMean / speechFrames).isGreaterThan(0.8);
  }

  /**
   * A straightforward port of silero-vad's OnnxWrapper (fresh arrays and tensors every frame) gives
   * the same numbers: the reused direct buffers, the alternating state tensors the network writes
   * into and the 64-sample context are wired right.
   */
  @Test
  void matchesTheReferenceWrapper() throws Exception {
    var ours = probabilities(model.newStream(), clip);
    var env = OrtEnvironment.getEnvironment();
    byte[] onnx;
    try (var in = getClass().getClassLoader().getResourceAsStream(SileroVadModel.BUNDLED)) {
      onnx = in.readAllBytes();
    }
    var session = env.createSession(onnx);
    float[][][] state = new float[2][1][128];
    float[] context = new float[SileroVad.CONTEXT_SAMPLES];
    for (int f = 0; f < ours.length; f++) {
      float[][] input = new float[1][SileroVad.CONTEXT_SAMPLES + FRAME];
      System.arraycopy(context, 0, input[0], 0, context.length);
      for (int i = 0; i < FRAME; i++) {
        input[0][SileroVad.CONTEXT_SAMPLES + i] = clip[f * FRAME + i] / 32768f;
      }
      context = Arrays.copyOfRange(input[0], FRAME, FRAME + SileroVad.CONTEXT_SAMPLES);
      try (var in = OnnxTensor.createTensor(env, input);
          var st = OnnxTensor.createTensor(env, state);
          var sr = OnnxTensor.createTensor(env, 16_000L);
          var result = session.run(Map.of("input", in, "state", st, "sr", sr))) {
        float probability = ((float[][]) result.get("output").orElseThrow().getValue())[0][0];
        state = (float[][][]) result.get("stateN").orElseThrow().getValue();
        assertThat(ours[f]).as("frame %d", f).isEqualTo(probability);
      }
    }
    session.close();
  }

  @Test
  void streamsRunConcurrentlyOnOneSessionWithTheirOwnState() throws Exception {
    var sequential = probabilities(model.newStream(), clip);
    try (var pool = Executors.newFixedThreadPool(4)) {
      var futures = new Future<?>[4];
      for (int t = 0; t < futures.length; t++) {
        futures[t] = pool.submit(() -> probabilities(model.newStream(), clip));
      }
      for (var future : futures) {
        assertThat((float[]) future.get()).containsExactly(sequential);
      }
    }
  }

  @Test
  void resetForgetsThePast() {
    var vad = model.newStream();
    var fresh = probabilities(vad, clip);
    vad.reset();
    assertThat(probabilities(vad, clip)).containsExactly(fresh);
  }

  @Test
  void refusesFramesOfTheWrongSize() {
    try (var vad = model.newStream()) {
      assertThatThrownBy(() -> vad.speechProbability(new short[480]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("512");
    }
  }

  @Test
  void aMissingOrBrokenModelFileIsAClearConfigurationError() throws Exception {
    assertThatThrownBy(() -> SileroVadModel.load(dir.resolve("nope.onnx")))
        .isInstanceOf(VoiceException.class)
        .hasMessageContaining("nope.onnx")
        .hasMessageContaining("parley.voice.vad.model")
        .extracting(e -> ((VoiceException) e).code())
        .isEqualTo(VoiceErrorCode.MODEL_NOT_CONFIGURED);

    var garbage = Files.write(dir.resolve("garbage.onnx"), new byte[] {1, 2, 3, 4});
    assertThatThrownBy(() -> SileroVadModel.load(garbage))
        .isInstanceOf(VoiceException.class)
        .hasMessageContaining("garbage.onnx")
        .extracting(e -> ((VoiceException) e).code())
        .isEqualTo(VoiceErrorCode.MODEL_NOT_CONFIGURED);
  }

  static float[] probabilities(SileroVad vad, short[] audio) {
    var out = new float[audio.length / FRAME];
    for (int f = 0; f < out.length; f++) {
      out[f] = vad.speechProbability(Arrays.copyOfRange(audio, f * FRAME, (f + 1) * FRAME));
    }
    return out;
  }
}
