package dev.parley.voice.vad;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Silero VAD v5 over one 16 kHz stream: its recurrent state and the 64-sample context that v5
 * expects in front of each 512-sample frame (576 inputs), as silero-vad's OnnxWrapper and vad-web's
 * Silero class feed it. Every tensor wraps a direct buffer allocated once, the outputs included
 * (ONNX Runtime writes into them: a frame allocates no native memory and copies no state): the
 * recurrent state alternates between two tensors, each run reading one and writing the other. Not
 * thread-safe; close it when the stream ends.
 */
public final class SileroVad implements FrameClassifier {

  static final int CONTEXT_SAMPLES = 64;
  private static final int STATE_FLOATS = 2 * 128;

  private final SileroVadModel model;
  private final FloatBuffer input = direct(CONTEXT_SAMPLES + FRAME_SAMPLES);
  private final FloatBuffer[] states = {direct(STATE_FLOATS), direct(STATE_FLOATS)};
  private final FloatBuffer output = direct(1);
  private final List<OnnxTensor> tensors = new ArrayList<>();

  // Indexed by current: the next run reads states[current] and writes the other state.
  private final List<Map<String, OnnxTensor>> inputs = new ArrayList<>(2);
  private final List<Map<String, OnnxTensor>> outputs = new ArrayList<>(2);
  private int current;

  SileroVad(SileroVadModel model) {
    this.model = model;
    try {
      var inputTensor = tensor(input, 1, CONTEXT_SAMPLES + FRAME_SAMPLES);
      var stateTensors = List.of(tensor(states[0], 2, 1, 128), tensor(states[1], 2, 1, 128));
      var outputTensor = tensor(output, 1, 1);
      for (int i = 0; i < 2; i++) {
        inputs.add(model.inputs(inputTensor, stateTensors.get(i)));
        outputs.add(Map.of("output", outputTensor, "stateN", stateTensors.get(1 - i)));
      }
    } catch (OrtException e) {
      close();
      throw new VoiceException(VoiceErrorCode.PROVIDER_ERROR, "Could not create VAD tensors", e);
    }
  }

  @Override
  public float speechProbability(short[] frame) {
    checkLength(frame);
    shiftIn(frame);
    // The result holds only the tensors passed in, which stay open: closing it frees nothing.
    try (var ignored = model.run(inputs.get(current), outputs.get(current))) {
      current = 1 - current;
      return output.get(0);
    } catch (OrtException e) {
      throw new VoiceException(
          VoiceErrorCode.PROVIDER_ERROR, "Silero VAD failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void skip(short[] frame) {
    checkLength(frame);
    shiftIn(frame);
  }

  /** Back to the state of a fresh stream. */
  public void reset() {
    for (int i = 0; i < input.capacity(); i++) {
      input.put(i, 0f);
    }
    for (int i = 0; i < STATE_FLOATS; i++) {
      states[current].put(i, 0f);
    }
  }

  @Override
  public void close() {
    tensors.forEach(OnnxTensor::close);
  }

  private OnnxTensor tensor(FloatBuffer buffer, long... shape) throws OrtException {
    var tensor = OnnxTensor.createTensor(model.environment(), buffer, shape);
    tensors.add(tensor);
    return tensor;
  }

  /** The last 64 samples of the previous frame become the context of this one. */
  private void shiftIn(short[] frame) {
    for (int i = 0; i < CONTEXT_SAMPLES; i++) {
      input.put(i, input.get(FRAME_SAMPLES + i));
    }
    for (int i = 0; i < FRAME_SAMPLES; i++) {
      input.put(CONTEXT_SAMPLES + i, frame[i] / 32768f);
    }
  }

  private static void checkLength(short[] frame) {
    if (frame.length != FRAME_SAMPLES) {
      throw new IllegalArgumentException(
          "Silero VAD takes frames of " + FRAME_SAMPLES + " samples, got " + frame.length);
    }
  }

  private static FloatBuffer direct(int floats) {
    return ByteBuffer.allocateDirect(floats * Float.BYTES)
        .order(ByteOrder.nativeOrder())
        .asFloatBuffer();
  }
}
