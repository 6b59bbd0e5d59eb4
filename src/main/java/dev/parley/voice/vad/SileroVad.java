package dev.parley.voice.vad;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Silero VAD v5 over one 16 kHz stream: its recurrent state and the 64-sample context that v5
 * expects in front of each 512-sample frame (576 inputs), as silero-vad's OnnxWrapper and vad-web's
 * Silero class feed it. The input and state tensors wrap direct buffers allocated once, so a frame
 * allocates only the model's outputs. Not thread-safe; close it when the stream ends.
 */
public final class SileroVad implements FrameClassifier {

  static final int CONTEXT_SAMPLES = 64;
  private static final int STATE_FLOATS = 2 * 128;

  private final SileroVadModel model;
  private final FloatBuffer input = direct(CONTEXT_SAMPLES + FRAME_SAMPLES);
  private final FloatBuffer state = direct(STATE_FLOATS);
  private final OnnxTensor inputTensor;
  private final OnnxTensor stateTensor;

  SileroVad(SileroVadModel model) {
    this.model = model;
    try {
      inputTensor =
          OnnxTensor.createTensor(
              model.environment(), input, new long[] {1, CONTEXT_SAMPLES + FRAME_SAMPLES});
      stateTensor = OnnxTensor.createTensor(model.environment(), state, new long[] {2, 1, 128});
    } catch (OrtException e) {
      throw new VoiceException(VoiceErrorCode.PROVIDER_ERROR, "Could not create VAD tensors", e);
    }
  }

  @Override
  public float speechProbability(short[] frame) {
    checkLength(frame);
    shiftIn(frame);
    try (var result = model.run(inputTensor, stateTensor)) {
      var next = ((OnnxTensor) result.get("stateN").orElseThrow()).getFloatBuffer();
      state.clear();
      state.put(next);
      return ((OnnxTensor) result.get("output").orElseThrow()).getFloatBuffer().get(0);
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
      state.put(i, 0f);
    }
  }

  @Override
  public void close() {
    inputTensor.close();
    stateTensor.close();
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
