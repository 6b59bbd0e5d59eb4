package dev.parley.llm.local;

import dev.parley.llm.local.GgufWriter.Tensor;
import dev.parley.llm.local.GgufWriter.Value;
import java.nio.file.Path;
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

  static final int TYPE_NORMAL = 1;
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
    var vocabulary = vocabulary();
    var metadata = new LinkedHashMap<String, Value>();
    metadata.put("general.architecture", Value.string("llama"));
    metadata.put("general.name", Value.string("parley-tiny-random"));
    metadata.put("general.alignment", Value.u32(GgufWriter.ALIGNMENT));
    metadata.put("llama.context_length", Value.u32(CONTEXT));
    metadata.put("llama.embedding_length", Value.u32(EMBEDDING));
    metadata.put("llama.block_count", Value.u32(LAYERS));
    metadata.put("llama.feed_forward_length", Value.u32(FEED_FORWARD));
    metadata.put("llama.attention.head_count", Value.u32(HEADS));
    metadata.put("llama.attention.head_count_kv", Value.u32(HEADS));
    metadata.put("llama.rope.dimension_count", Value.u32(EMBEDDING / HEADS));
    metadata.put("llama.attention.layer_norm_rms_epsilon", Value.f32(1e-5f));
    metadata.putAll(tokenizer(vocabulary));
    GgufWriter.write(file, metadata, tensors(vocabulary, new Random(seed)));
    return file;
  }

  /** Pieces with their token types; ids are list positions. */
  record Vocabulary(List<String> pieces, List<Integer> types) {
    int id(String piece) {
      return pieces.indexOf(piece);
    }

    boolean control(int token) {
      return types.get(token) == TYPE_CONTROL || types.get(token) == TYPE_UNKNOWN;
    }
  }

  /** Control, byte, single-character and a few word and JSON pieces. */
  static Vocabulary vocabulary() {
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

  private static List<Tensor> tensors(Vocabulary vocabulary, Random random) {
    int vocab = vocabulary.pieces().size();
    var tensors = new ArrayList<Tensor>();
    var embeddings = gaussian(random, EMBEDDING * vocab, 1.0f);
    for (int token = 0; token < vocab; token++) {
      embeddings[token * EMBEDDING] = 4.0f; // the constant channel, see the class comment
    }
    tensors.add(f32("token_embd.weight", EMBEDDING, vocab, embeddings));
    for (int layer = 0; layer < LAYERS; layer++) {
      var prefix = "blk." + layer + ".";
      tensors.add(f32(prefix + "attn_norm.weight", EMBEDDING, 1, ones(EMBEDDING)));
      for (var name : List.of("attn_q", "attn_k", "attn_v")) {
        tensors.add(
            f32(
                prefix + name + ".weight",
                EMBEDDING,
                EMBEDDING,
                gaussian(random, EMBEDDING * EMBEDDING, 0.1f)));
      }
      tensors.add(
          f32(
              prefix + "attn_output.weight",
              EMBEDDING,
              EMBEDDING,
              sparingChannelZero(random, EMBEDDING)));
      tensors.add(f32(prefix + "ffn_norm.weight", EMBEDDING, 1, ones(EMBEDDING)));
      for (var name : List.of("ffn_gate", "ffn_up")) {
        tensors.add(
            f32(
                prefix + name + ".weight",
                EMBEDDING,
                FEED_FORWARD,
                gaussian(random, EMBEDDING * FEED_FORWARD, 0.1f)));
      }
      tensors.add(
          f32(
              prefix + "ffn_down.weight",
              FEED_FORWARD,
              EMBEDDING,
              sparingChannelZero(random, FEED_FORWARD)));
    }
    tensors.add(f32("output_norm.weight", EMBEDDING, 1, ones(EMBEDDING)));
    var output = gaussian(random, EMBEDDING * vocab, 0.2f);
    for (int token = 0; token < vocab; token++) {
      float constantWeight = 0;
      if (vocabulary.control(token)) {
        constantWeight = -20f;
      } else if (vocabulary.pieces().get(token).equals("\"")) {
        constantWeight = 1.5f;
      }
      output[token * EMBEDDING] = constantWeight;
    }
    tensors.add(f32("output.weight", EMBEDDING, vocab, output));
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

  /** A norm (one row) or matrix ({@code rows} rows of {@code rowLength}) in F32. */
  private static Tensor f32(String name, int rowLength, int rows, float[] values) {
    var dims = rows == 1 ? new long[] {rowLength} : new long[] {rowLength, rows};
    return GgufWriter.f32(name, dims, values);
  }

  /**
   * The tokenizer (SentencePiece, scores preferring longer pieces) and the ChatML chat template.
   */
  static Map<String, Value> tokenizer(Vocabulary vocabulary) {
    var metadata = new LinkedHashMap<String, Value>();
    metadata.put("tokenizer.ggml.model", Value.string("llama"));
    metadata.put("tokenizer.ggml.tokens", Value.strings(vocabulary.pieces()));
    var scores = new float[vocabulary.pieces().size()];
    for (int i = 0; i < scores.length; i++) {
      // SentencePiece merges prefer higher scores: longer pieces win over their parts, and the
      // tie-breaker by position stays below a character's worth for any vocabulary size.
      scores[i] = vocabulary.pieces().get(i).length() - 0.5f * i / scores.length;
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
}
