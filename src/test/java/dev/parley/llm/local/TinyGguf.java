package dev.parley.llm.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a tiny random-weight GGUF v3 model (llama architecture, SentencePiece vocabulary, ChatML
 * template) that the bundled llama.cpp loads in milliseconds. Its text is noise, but it exercises
 * the real loading, templating, sampling, grammar, cache and cancellation code paths.
 *
 * <p>Random weights would sample an end-of-generation token about once per vocabulary size, which
 * makes stream lengths a coin toss. So the weights are shaped: hidden dimension 0 carries a
 * positive constant through every layer (no layer writes to it), and the output rows read it to
 * push end-of-generation and control tokens far down and the {@code "} token up. Replies therefore
 * run to {@code maxTokens}, and JSON strings under a grammar close within a few tokens.
 */
public final class TinyGguf {

  static final int EMBEDDING = 64;
  static final int LAYERS = 2;
  static final int HEADS = 4;
  static final int FEED_FORWARD = 128;
  static final int CONTEXT = 4096;

  private static final int ALIGNMENT = 32;
  private static final int TYPE_NORMAL = 1;
  private static final int TYPE_UNKNOWN = 2;
  private static final int TYPE_CONTROL = 3;
  private static final int TYPE_BYTE = 6;
  private static final String SPACE = "\u2581";
  private static final List<String> WORDS =
      List.of(
          "the", "and", "you", "that", "was", "for", "are", "with", "his", "they", "hello", "hola",
          "name", "age", "story", "coffee", "please", "thanks", "good", "morning", "what", "how",
          "where", "when", "who", "is", "it", "in", "on", "at", "to", "of", "a", "an", "be", "me",
          "we", "no", "yes", "qué", "tal", "café", "con", "leche", "por", "favor", "bien", "sí");

  private TinyGguf() {}

  /** Writes {@code tiny-llama-<seed>.gguf} into {@code dir} and returns its path. */
  public static Path write(Path dir, long seed) {
    var file = dir.resolve("tiny-llama-" + seed + ".gguf");
    try (var channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      var vocabulary = vocabulary();
      var tensors = tensors(vocabulary, new Random(seed));
      channel.write(header(vocabulary, tensors));
      for (var tensor : tensors.values()) {
        channel.write(tensor);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** Pieces with their token types; ids are list positions. */
  private record Vocabulary(List<String> pieces, List<Integer> types) {
    int id(String piece) {
      return pieces.indexOf(piece);
    }
  }

  private static Vocabulary vocabulary() {
    var pieces = new ArrayList<String>();
    var types = new ArrayList<Integer>();
    pieces.add("<unk>");
    types.add(TYPE_UNKNOWN);
    for (var control : List.of("<s>", "</s>", "<|im_start|>", "<|im_end|>")) {
      pieces.add(control);
      types.add(TYPE_CONTROL);
    }
    for (int b = 0; b < 256; b++) {
      pieces.add("<0x%02X>".formatted(b));
      types.add(TYPE_BYTE);
    }
    var normal = new LinkedHashMap<String, Boolean>();
    normal.put(SPACE, true);
    for (char c = '!'; c <= '~'; c++) {
      normal.put(String.valueOf(c), true);
      normal.put(SPACE + c, true);
    }
    for (var c : List.of("á", "é", "í", "ó", "ú", "ñ", "¿", "¡", "\n")) {
      normal.put(c, true);
    }
    for (var word : WORDS) {
      normal.put(word, true);
      normal.put(SPACE + word, true);
    }
    for (var piece : List.of("\",", "\":", "\"}", "{\"", "user", "assistant", "system")) {
      normal.put(piece, true);
    }
    for (var piece : normal.keySet()) {
      pieces.add(piece);
      types.add(TYPE_NORMAL);
    }
    return new Vocabulary(List.copyOf(pieces), List.copyOf(types));
  }

  private static Map<String, ByteBuffer> tensors(Vocabulary vocabulary, Random random) {
    int vocab = vocabulary.pieces().size();
    var tensors = new LinkedHashMap<String, ByteBuffer>();
    var embeddings = gaussian(random, EMBEDDING * vocab, 1.0f);
    for (int token = 0; token < vocab; token++) {
      embeddings[token * EMBEDDING] = 4.0f; // the constant channel, see the class comment
    }
    tensors.put("token_embd.weight", f32(embeddings));
    for (int layer = 0; layer < LAYERS; layer++) {
      var prefix = "blk." + layer + ".";
      tensors.put(prefix + "attn_norm.weight", f32(ones(EMBEDDING)));
      tensors.put(prefix + "attn_q.weight", f32(gaussian(random, EMBEDDING * EMBEDDING, 0.1f)));
      tensors.put(prefix + "attn_k.weight", f32(gaussian(random, EMBEDDING * EMBEDDING, 0.1f)));
      tensors.put(prefix + "attn_v.weight", f32(gaussian(random, EMBEDDING * EMBEDDING, 0.1f)));
      tensors.put(prefix + "attn_output.weight", f32(sparingChannelZero(random, EMBEDDING)));
      tensors.put(prefix + "ffn_norm.weight", f32(ones(EMBEDDING)));
      tensors.put(
          prefix + "ffn_gate.weight", f32(gaussian(random, EMBEDDING * FEED_FORWARD, 0.1f)));
      tensors.put(prefix + "ffn_up.weight", f32(gaussian(random, EMBEDDING * FEED_FORWARD, 0.1f)));
      tensors.put(prefix + "ffn_down.weight", f32(sparingChannelZero(random, FEED_FORWARD)));
    }
    tensors.put("output_norm.weight", f32(ones(EMBEDDING)));
    var output = gaussian(random, EMBEDDING * vocab, 0.2f);
    for (int token = 0; token < vocab; token++) {
      float constantWeight = 0;
      if (vocabulary.types().get(token) == TYPE_CONTROL
          || vocabulary.types().get(token) == TYPE_UNKNOWN) {
        constantWeight = -20f;
      } else if (vocabulary.pieces().get(token).equals("\"")) {
        constantWeight = 1.5f;
      }
      output[token * EMBEDDING] = constantWeight;
    }
    tensors.put("output.weight", f32(output));
    return tensors;
  }

  /** A projection into the embedding whose row 0 is zero, so no layer disturbs channel 0. */
  private static float[] sparingChannelZero(Random random, int inputs) {
    var weights = gaussian(random, inputs * EMBEDDING, 0.05f);
    for (int i = 0; i < inputs; i++) {
      weights[i] = 0;
    }
    return weights;
  }

  private static ByteBuffer header(Vocabulary vocabulary, Map<String, ByteBuffer> tensors) {
    var out = new Out();
    out.bytes("GGUF".getBytes(StandardCharsets.US_ASCII));
    out.u32(3);
    out.u64(tensors.size());
    var metadata = metadata(vocabulary);
    out.u64(metadata.size());
    metadata.forEach((key, value) -> value.writeTo(out.string(key)));
    int vocab = vocabulary.pieces().size();
    long offset = 0;
    for (var entry : tensors.entrySet()) {
      var dims = dimensions(entry.getKey(), vocab);
      out.string(entry.getKey());
      out.u32(dims.length);
      for (long dim : dims) {
        out.u64(dim);
      }
      out.u32(0); // GGML_TYPE_F32
      out.u64(offset);
      offset += aligned(entry.getValue().remaining());
    }
    out.padTo(ALIGNMENT);
    return out.buffer();
  }

  /** GGUF dims: the fastest-varying (row length) first. */
  private static long[] dimensions(String name, int vocab) {
    if (name.endsWith("norm.weight")) {
      return new long[] {EMBEDDING};
    }
    if (name.equals("token_embd.weight") || name.equals("output.weight")) {
      return new long[] {EMBEDDING, vocab};
    }
    if (name.endsWith("ffn_gate.weight") || name.endsWith("ffn_up.weight")) {
      return new long[] {EMBEDDING, FEED_FORWARD};
    }
    if (name.endsWith("ffn_down.weight")) {
      return new long[] {FEED_FORWARD, EMBEDDING};
    }
    return new long[] {EMBEDDING, EMBEDDING};
  }

  private static Map<String, Value> metadata(Vocabulary vocabulary) {
    var metadata = new LinkedHashMap<String, Value>();
    metadata.put("general.architecture", Value.string("llama"));
    metadata.put("general.name", Value.string("parley-tiny-random"));
    metadata.put("general.alignment", Value.u32(ALIGNMENT));
    metadata.put("llama.context_length", Value.u32(CONTEXT));
    metadata.put("llama.embedding_length", Value.u32(EMBEDDING));
    metadata.put("llama.block_count", Value.u32(LAYERS));
    metadata.put("llama.feed_forward_length", Value.u32(FEED_FORWARD));
    metadata.put("llama.attention.head_count", Value.u32(HEADS));
    metadata.put("llama.attention.head_count_kv", Value.u32(HEADS));
    metadata.put("llama.rope.dimension_count", Value.u32(EMBEDDING / HEADS));
    metadata.put("llama.attention.layer_norm_rms_epsilon", Value.f32(1e-5f));
    metadata.put("tokenizer.ggml.model", Value.string("llama"));
    metadata.put("tokenizer.ggml.tokens", Value.strings(vocabulary.pieces()));
    var scores = new float[vocabulary.pieces().size()];
    for (int i = 0; i < scores.length; i++) {
      // SentencePiece merges prefer higher scores: longer pieces win over their parts.
      scores[i] = vocabulary.pieces().get(i).length() - i * 1e-4f;
    }
    metadata.put("tokenizer.ggml.scores", Value.f32s(scores));
    metadata.put("tokenizer.ggml.token_type", Value.i32s(vocabulary.types()));
    metadata.put("tokenizer.ggml.bos_token_id", Value.u32(vocabulary.id("<s>")));
    metadata.put("tokenizer.ggml.eos_token_id", Value.u32(vocabulary.id("<|im_end|>")));
    metadata.put("tokenizer.ggml.unknown_token_id", Value.u32(vocabulary.id("<unk>")));
    metadata.put("tokenizer.ggml.add_bos_token", Value.bool(false));
    metadata.put(
        "tokenizer.chat_template",
        Value.string(
            "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' +"
                + " message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}"
                + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"));
    return metadata;
  }

  /** A typed GGUF metadata value. */
  private interface Value {
    void writeTo(Out out);

    static Value u32(int value) {
      return out -> out.u32(4).u32(value);
    }

    static Value f32(float value) {
      return out -> out.u32(6).f32(value);
    }

    static Value bool(boolean value) {
      return out -> out.u32(7).u8(value ? 1 : 0);
    }

    static Value string(String value) {
      return out -> out.u32(8).string(value);
    }

    static Value strings(List<String> values) {
      return out -> {
        out.u32(9).u32(8).u64(values.size());
        values.forEach(out::string);
      };
    }

    static Value f32s(float[] values) {
      return out -> {
        out.u32(9).u32(6).u64(values.length);
        for (float v : values) {
          out.f32(v);
        }
      };
    }

    static Value i32s(List<Integer> values) {
      return out -> {
        out.u32(9).u32(5).u64(values.size());
        values.forEach(out::u32);
      };
    }
  }

  /** A growable little-endian buffer. */
  private static final class Out {
    private ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

    private Out ensure(int bytes) {
      if (buffer.remaining() < bytes) {
        var bigger =
            ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + bytes))
                .order(ByteOrder.LITTLE_ENDIAN);
        bigger.put(buffer.flip());
        buffer = bigger;
      }
      return this;
    }

    Out u8(int value) {
      ensure(1).buffer.put((byte) value);
      return this;
    }

    Out u32(int value) {
      ensure(4).buffer.putInt(value);
      return this;
    }

    Out u64(long value) {
      ensure(8).buffer.putLong(value);
      return this;
    }

    Out f32(float value) {
      ensure(4).buffer.putFloat(value);
      return this;
    }

    Out bytes(byte[] value) {
      ensure(value.length).buffer.put(value);
      return this;
    }

    Out string(String value) {
      var utf8 = value.getBytes(StandardCharsets.UTF_8);
      return u64(utf8.length).bytes(utf8);
    }

    void padTo(int alignment) {
      while (buffer.position() % alignment != 0) {
        u8(0);
      }
    }

    ByteBuffer buffer() {
      return buffer.flip();
    }
  }

  private static long aligned(long size) {
    return (size + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
  }

  private static float[] gaussian(Random random, int count, float deviation) {
    var values = new float[count];
    for (int i = 0; i < count; i++) {
      values[i] = (float) random.nextGaussian() * deviation;
    }
    return values;
  }

  private static float[] ones(int count) {
    var values = new float[count];
    Arrays.fill(values, 1f);
    return values;
  }

  /** Tensor data, zero-padded to the alignment so the next tensor starts aligned. */
  private static ByteBuffer f32(float[] values) {
    var buffer =
        ByteBuffer.allocate((int) aligned(values.length * 4L)).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(values);
    return buffer;
  }
}
