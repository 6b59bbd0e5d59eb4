package dev.parley.llm.local;

import dev.parley.llm.local.GgufWriter.Tensor;
import dev.parley.llm.local.GgufWriter.Type;
import dev.parley.llm.local.GgufWriter.Value;
import dev.parley.llm.local.TinyGguf.Vocabulary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a random-weight GGUF model (llama architecture) of a real model's shape, quantized as
 * llama.cpp quantizes a Q4_0 file: the layers' matrices Q4_0, the output matrix Q6_K, norms F32.
 * Its text is noise, but each token costs the compute and memory traffic of the real model, so
 * benchmarks of the local stack get representative LLM timings without real weights.
 *
 * <p>Replies are shaped like {@link TinyGguf}'s: hidden channel 0 carries a constant that no layer
 * writes to, and each output row reads it with a weight that moves the token up or down. A "speech"
 * set of capitalised English words is moved far up, so sampling (top-k 40) picks among them at
 * random; one in eight of them ends with {@code .} or {@code ?}, so the first sentence ends after
 * about eight tokens, and the next capitalised word shows the sentence chunker that it ended.
 * End-of-generation and control tokens are moved far down: replies run to their token limit.
 *
 * <p>The vocabulary (SentencePiece, built from LanguageTool's English common words, their prefixes
 * and all two- and three-letter strings) tokenizes English prompts at roughly one to two tokens per
 * word, not far from a real tokenizer.
 */
public final class SizedGguf {

  /**
   * A model shape.
   *
   * @param name short name, part of the file name
   */
  public record Shape(
      String name,
      int layers,
      int embedding,
      int feedForward,
      int heads,
      int kvHeads,
      int vocabulary,
      int context) {

    /**
     * Llama-3.2-1B: 16 layers, 2048 wide, FFN 8192, 32 query and 8 key-value heads of 64, a
     * vocabulary of 128,256. Llama-3.2-1B ties its output matrix to the token embeddings; this
     * file stores both (the embedding is only looked up by row, so it adds file size, not
     * compute).
     */
    public static final Shape LLAMA_3_2_1B = new Shape("1b", 16, 2048, 8192, 32, 8, 128_256, 4096);

    int headDimension() {
      return embedding / heads;
    }

    /** Parameters per token of compute: layers, final norm, and one embedding-sized matrix. */
    long parameters() {
      long kv = (long) kvHeads * headDimension();
      long layer =
          2L * embedding * embedding + 2L * embedding * kv + 3L * embedding * feedForward
              + 2L * embedding;
      return layers * layer + embedding + (long) embedding * vocabulary;
    }
  }

  /** Layer weights' Q4_0 scales: each matrix product keeps an activation's size about 1. */
  private static final float EMBEDDING_SCALE = 0.22f;

  private static final float INPUT_SCALE = 0.0048f;
  private static final float RESIDUAL_SCALE = 0.0022f;
  // Q6_K output: the super-block scale and every sub-block scale; logits spread by about 1.5.
  private static final float OUTPUT_SCALE = 1.1e-4f;
  private static final byte OUTPUT_SUB_SCALE = 16;
  // Amplifies the constant channel before the output matrix: the speech set ends up some 10
  // logits above the rest, the control tokens as far below.
  private static final float CONSTANT_GAIN = 300f;
  private static final int UP = 31;
  private static final int DOWN = -32;

  private SizedGguf() {}

  /**
   * Writes {@code sized-<name>-<seed>.gguf} into {@code dir} unless it is there already (files are
   * written under a temporary name and moved into place, so one that is there is whole).
   */
  public static Path write(Path dir, Shape shape, long seed) {
    var file = dir.resolve("sized-" + shape.name() + "-" + seed + ".gguf");
    if (Files.isRegularFile(file)) {
      return file;
    }
    var partial = dir.resolve(file.getFileName() + ".part");
    var speech = SpeechVocabulary.build(shape.vocabulary());
    var metadata = new LinkedHashMap<String, Value>();
    metadata.put("general.architecture", Value.string("llama"));
    metadata.put("general.name", Value.string("parley-sized-random-" + shape.name()));
    metadata.put("general.alignment", Value.u32(GgufWriter.ALIGNMENT));
    metadata.put("general.file_type", Value.u32(2)); // LLAMA_FTYPE_MOSTLY_Q4_0
    metadata.put("llama.context_length", Value.u32(shape.context()));
    metadata.put("llama.embedding_length", Value.u32(shape.embedding()));
    metadata.put("llama.block_count", Value.u32(shape.layers()));
    metadata.put("llama.feed_forward_length", Value.u32(shape.feedForward()));
    metadata.put("llama.attention.head_count", Value.u32(shape.heads()));
    metadata.put("llama.attention.head_count_kv", Value.u32(shape.kvHeads()));
    metadata.put("llama.rope.dimension_count", Value.u32(shape.headDimension()));
    metadata.put("llama.rope.freq_base", Value.f32(500_000f));
    metadata.put("llama.attention.layer_norm_rms_epsilon", Value.f32(1e-5f));
    metadata.put("llama.vocab_size", Value.u32(shape.vocabulary()));
    metadata.putAll(TinyGguf.tokenizer(speech.vocabulary()));
    GgufWriter.write(partial, metadata, tensors(shape, speech, seed));
    try {
      return Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Tensor> tensors(Shape shape, SpeechVocabulary vocabulary, long seed) {
    var random = new SplittableRandom(seed);
    int e = shape.embedding();
    int kv = shape.kvHeads() * shape.headDimension();
    int vocab = shape.vocabulary();
    var tensors = new ArrayList<Tensor>();
    tensors.add(q40("token_embd.weight", e, vocab, EMBEDDING_SCALE, random, Row.CONSTANT));
    for (int layer = 0; layer < shape.layers(); layer++) {
      var prefix = "blk." + layer + ".";
      tensors.add(ones(prefix + "attn_norm.weight", e));
      tensors.add(q40(prefix + "attn_q.weight", e, e, INPUT_SCALE, random, Row.RANDOM));
      tensors.add(q40(prefix + "attn_k.weight", e, kv, INPUT_SCALE, random, Row.RANDOM));
      tensors.add(q40(prefix + "attn_v.weight", e, kv, INPUT_SCALE, random, Row.RANDOM));
      tensors.add(q40(prefix + "attn_output.weight", e, e, RESIDUAL_SCALE, random, Row.SPARING));
      tensors.add(ones(prefix + "ffn_norm.weight", e));
      int ff = shape.feedForward();
      tensors.add(q40(prefix + "ffn_gate.weight", e, ff, INPUT_SCALE, random, Row.RANDOM));
      tensors.add(q40(prefix + "ffn_up.weight", e, ff, INPUT_SCALE, random, Row.RANDOM));
      tensors.add(q40(prefix + "ffn_down.weight", ff, e, RESIDUAL_SCALE, random, Row.SPARING));
    }
    var outputNorm = new float[e];
    Arrays.fill(outputNorm, 1f);
    outputNorm[0] = CONSTANT_GAIN;
    tensors.add(GgufWriter.f32("output_norm.weight", new long[] {e}, outputNorm));
    tensors.add(output(e, vocabulary, random.split()));
    return tensors;
  }

  /** What a Q4_0 matrix does with hidden channel 0 (see the class comment). */
  private enum Row {
    RANDOM,
    /** Embeddings: value 0 of every row is the same constant. */
    CONSTANT,
    /** Projections into the residual stream: row 0, which would write channel 0, is zero. */
    SPARING
  }

  private static Tensor q40(
      String name, int rowLength, int rows, float scale, SplittableRandom seeds, Row kind) {
    var random = seeds.split();
    // Random nibbles average -0.5, not 0; alternating the scale's sign cancels that, which would
    // otherwise pile up in every channel alike and make every position sample the same tokens.
    short[] d = {Float.floatToFloat16(scale), Float.floatToFloat16(-scale)};
    return new Tensor(
        name,
        new long[] {rowLength, rows},
        Type.Q4_0,
        (row, out) -> {
          boolean zero = kind == Row.SPARING && row == 0;
          for (int block = 0; block < rowLength / 32; block++) {
            int start = out.position();
            out.putShort(zero ? 0 : d[block % 2]);
            out.putLong(random.nextLong());
            out.putLong(random.nextLong());
            if (kind == Row.CONSTANT && block == 0) {
              // Value 0 is the low nibble of the first byte: 15 - 8 = 7 scales.
              out.put(start + 2, (byte) ((out.get(start + 2) & 0xF0) | 0x0F));
            }
          }
        });
  }

  /** The Q6_K output matrix; value 0 of each row (from channel 0) moves its token up or down. */
  private static Tensor output(int rowLength, SpeechVocabulary vocabulary, SplittableRandom random) {
    short d = Float.floatToFloat16(OUTPUT_SCALE);
    var scales = new byte[16];
    for (int i = 0; i < scales.length; i++) {
      // Alternating signs cancel the -0.5 average of random 6-bit values, as in q40.
      scales[i] = (byte) (i % 2 == 0 ? OUTPUT_SUB_SCALE : -OUTPUT_SUB_SCALE);
    }
    return new Tensor(
        "output.weight",
        new long[] {rowLength, vocabulary.vocabulary().pieces().size()},
        Type.Q6_K,
        (row, out) -> {
          for (int block = 0; block < rowLength / 256; block++) {
            int start = out.position();
            for (int i = 0; i < (128 + 64) / 8; i++) {
              out.putLong(random.nextLong());
            }
            out.put(scales);
            out.putShort(d);
            if (block == 0) {
              setFirstValue(out, start, 32 + vocabulary.push(Math.toIntExact(row)));
            }
          }
        });
  }

  /** Value 0 of a Q6_K block: low 4 bits in ql[0], high 2 bits in qh[0] (offset 128). */
  private static void setFirstValue(ByteBuffer out, int block, int q) {
    out.put(block, (byte) ((out.get(block) & 0xF0) | (q & 0x0F)));
    out.put(block + 128, (byte) ((out.get(block + 128) & ~3) | (q >> 4)));
  }

  private static Tensor ones(String name, int length) {
    var values = new float[length];
    Arrays.fill(values, 1f);
    return GgufWriter.f32(name, new long[] {length}, values);
  }

  /** The vocabulary with each token's push along the constant channel ({@link #UP}, 0, DOWN). */
  record SpeechVocabulary(Vocabulary vocabulary, byte[] pushes) {

    int push(int token) {
      return pushes[token];
    }

    static SpeechVocabulary build(int size) {
      var builder = new SpeechVocabularyBuilder(size);
      var vocabulary = builder.build();
      var pushes = new byte[size];
      for (int token = 0; token < size; token++) {
        if (vocabulary.control(token)) {
          pushes[token] = DOWN;
        } else if (builder.speech(vocabulary.pieces().get(token))) {
          pushes[token] = UP;
        }
      }
      return new SpeechVocabulary(vocabulary, pushes);
    }
  }
}
