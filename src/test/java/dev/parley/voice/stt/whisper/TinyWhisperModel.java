package dev.parley.voice.stt.whisper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

/**
 * Writes a whisper.cpp ggml model with the English vocabulary size, tiny dimensions (one layer of
 * width 64) and random weights: whisper.cpp loads and runs it in well under a second and it
 * "transcribes" any audio into made-up words ({@code w1234}). It exercises the adapter's mechanics
 * (buffering, partial runs, final, cancel, concurrency) where no real weights can be downloaded.
 */
final class TinyWhisperModel {

  private static final int VOCABULARY = 51864; // English-only
  private static final int TEXT_TOKENS = 50256; // ids below end-of-text are text
  private static final int AUDIO_CONTEXT = 1500; // 30 s windows, as whisper.cpp requires
  private static final int TEXT_CONTEXT = 448;
  private static final int STATE = 64;
  private static final int MELS = 80;
  private static final int FFT_BINS = 201;

  private final FileChannel out;
  private final Random random = new Random(42);

  private TinyWhisperModel(FileChannel out) {
    this.out = out;
  }

  static Path write(Path file) throws IOException {
    try (var channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      new TinyWhisperModel(channel).writeAll();
    }
    return file;
  }

  private void writeAll() throws IOException {
    // Weight type 1: matrices in F16, as in the published models.
    ints(0x67676d6c, VOCABULARY, AUDIO_CONTEXT, STATE, 1, 1, TEXT_CONTEXT, STATE, 1, 1, MELS, 1);
    ints(MELS, FFT_BINS);
    var filters = buffer(4L * MELS * FFT_BINS);
    for (int i = 0; i < MELS * FFT_BINS; i++) {
      filters.putFloat(random.nextFloat() * 0.01f);
    }
    flush(filters);
    ints(TEXT_TOKENS);
    for (int id = 0; id < TEXT_TOKENS; id++) {
      // whisper.cpp looks up the " " token (GPT-2 id 220) and aborts when it is missing.
      var word = (id == 220 ? " " : " w" + id).getBytes(StandardCharsets.UTF_8);
      var token = buffer(4 + word.length);
      token.putInt(word.length).put(word);
      flush(token);
    }

    random("encoder.positional_embedding", STATE, AUDIO_CONTEXT);
    matrix("encoder.conv1.weight", 3, MELS, STATE);
    zeros("encoder.conv1.bias", 1, STATE);
    matrix("encoder.conv2.weight", 3, STATE, STATE);
    zeros("encoder.conv2.bias", 1, STATE);
    layerNorm("encoder.ln_post");
    block("encoder.blocks.0.", false);

    random("decoder.positional_embedding", STATE, TEXT_CONTEXT);
    matrix("decoder.token_embedding.weight", STATE, VOCABULARY);
    layerNorm("decoder.ln");
    block("decoder.blocks.0.", true);
  }

  private void block(String prefix, boolean crossAttention) throws IOException {
    layerNorm(prefix + "mlp_ln");
    matrix(prefix + "mlp.0.weight", STATE, 4 * STATE);
    zeros(prefix + "mlp.0.bias", 4 * STATE);
    matrix(prefix + "mlp.2.weight", 4 * STATE, STATE);
    zeros(prefix + "mlp.2.bias", STATE);
    attention(prefix + "attn");
    if (crossAttention) {
      attention(prefix + "cross_attn");
    }
  }

  private void attention(String prefix) throws IOException {
    layerNorm(prefix + "_ln");
    matrix(prefix + ".query.weight", STATE, STATE);
    zeros(prefix + ".query.bias", STATE);
    matrix(prefix + ".key.weight", STATE, STATE);
    matrix(prefix + ".value.weight", STATE, STATE);
    zeros(prefix + ".value.bias", STATE);
    matrix(prefix + ".out.weight", STATE, STATE);
    zeros(prefix + ".out.bias", STATE);
  }

  private void layerNorm(String prefix) throws IOException {
    tensor(prefix + ".weight", false, () -> 1f, STATE);
    zeros(prefix + ".bias", STATE);
  }

  private void random(String name, int... shape) throws IOException {
    tensor(name, false, () -> (float) (random.nextGaussian() * 0.05), shape);
  }

  private void matrix(String name, int... shape) throws IOException {
    tensor(name, true, () -> (float) (random.nextGaussian() * 0.05), shape);
  }

  private void zeros(String name, int... shape) throws IOException {
    tensor(name, false, () -> 0f, shape);
  }

  private interface Values {
    float next();
  }

  /** A tensor: dimensions, name length, type (0 F32, 1 F16), shape (ggml order), name, data. */
  private void tensor(String name, boolean f16, Values values, int... shape) throws IOException {
    var nameBytes = name.getBytes(StandardCharsets.UTF_8);
    var header = buffer(12 + 4L * shape.length + nameBytes.length);
    header.putInt(shape.length).putInt(nameBytes.length).putInt(f16 ? 1 : 0);
    long elements = 1;
    for (int dimension : shape) {
      header.putInt(dimension);
      elements *= dimension;
    }
    header.put(nameBytes);
    flush(header);
    var data = buffer((f16 ? 2 : 4) * elements);
    for (long i = 0; i < elements; i++) {
      if (f16) {
        data.putShort(Float.floatToFloat16(values.next()));
      } else {
        data.putFloat(values.next());
      }
    }
    flush(data);
  }

  private void ints(int... values) throws IOException {
    var buffer = buffer(4L * values.length);
    for (int value : values) {
      buffer.putInt(value);
    }
    flush(buffer);
  }

  private static ByteBuffer buffer(long size) {
    return ByteBuffer.allocate(Math.toIntExact(size)).order(ByteOrder.LITTLE_ENDIAN);
  }

  private void flush(ByteBuffer buffer) throws IOException {
    buffer.flip();
    while (buffer.hasRemaining()) {
      out.write(buffer);
    }
  }
}
