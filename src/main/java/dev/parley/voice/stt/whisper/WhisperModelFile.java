package dev.parley.voice.stt.whisper;

import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Checks a whisper.cpp ggml model file before whisper.cpp sees it. On a file with the right magic
 * but a broken header it aborts the whole JVM ({@code GGML_ASSERT}), a huge name length would throw
 * std::bad_alloc through JNI, and a file that ends right after its vocabulary loads as an "empty
 * model for testing" with no weights. So this walks the header, the mel filters, the vocabulary and
 * every tensor's header and data extent, and that the vocabulary has the " " token (whose absence
 * aborts the first transcription); whisper.cpp still checks tensor names and shapes itself.
 */
final class WhisperModelFile {

  private static final int MAGIC = 0x67676d6c; // "ggml" as whisper.cpp writes it, little-endian
  // ftype % 1000 values whisper.cpp maps to a weight type; others trip GGML_ASSERT. All F32 (0)
  // loads but aborts on its first run (GGML_ASSERT(src0->type == GGML_TYPE_F16) in whisper-jni
  // 1.7.1's build).
  private static final Set<Integer> WEIGHT_TYPES = Set.of(1, 2, 3, 7, 8, 9, 10, 11, 12, 13, 14);
  private static final int MAX_TOKEN_BYTES = 1024;
  private static final int MAX_NAME_BYTES = 256;
  // ggml tensor type -> {elements per block, bytes per block}
  private static final Map<Integer, int[]> TENSOR_BLOCKS =
      Map.ofEntries(
          Map.entry(0, new int[] {1, 4}), // F32
          Map.entry(1, new int[] {1, 2}), // F16
          Map.entry(2, new int[] {32, 18}), // Q4_0
          Map.entry(3, new int[] {32, 20}), // Q4_1
          Map.entry(6, new int[] {32, 22}), // Q5_0
          Map.entry(7, new int[] {32, 24}), // Q5_1
          Map.entry(8, new int[] {32, 34}), // Q8_0
          Map.entry(10, new int[] {256, 84}), // Q2_K
          Map.entry(11, new int[] {256, 110}), // Q3_K
          Map.entry(12, new int[] {256, 144}), // Q4_K
          Map.entry(13, new int[] {256, 176}), // Q5_K
          Map.entry(14, new int[] {256, 210})); // Q6_K

  /** whisper.cpp's hyperparameters, in file order. */
  record Header(
      int vocabulary,
      int audioContext,
      int audioState,
      int audioHeads,
      int audioLayers,
      int textContext,
      int textState,
      int textHeads,
      int textLayers,
      int mels,
      int fileType) {}

  private WhisperModelFile() {}

  /** The file's header, or {@link VoiceErrorCode#MODEL_NOT_CONFIGURED} saying what to do. */
  static Header check(Path file, String pullHint) {
    if (!Files.isRegularFile(file)) {
      throw new VoiceException(
          VoiceErrorCode.MODEL_NOT_CONFIGURED,
          "No whisper model at %s. %s".formatted(file.toAbsolutePath(), pullHint));
    }
    try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      return read(in);
    } catch (EOFException e) {
      throw broken(file, "it is cut short (an interrupted download?)", pullHint);
    } catch (IOException e) {
      throw new VoiceException(
          VoiceErrorCode.MODEL_NOT_CONFIGURED,
          "Whisper model %s cannot be read: %s".formatted(file, e.getMessage()),
          e);
    } catch (IllegalStateException e) {
      throw broken(file, e.getMessage(), pullHint);
    }
  }

  private static Header read(DataInputStream in) throws IOException {
    if (int32(in) != MAGIC) {
      throw new IllegalStateException("it does not start with the ggml magic number");
    }
    var header =
        new Header(
            int32(in), int32(in), int32(in), int32(in), int32(in), int32(in), int32(in), int32(in),
            int32(in), int32(in), int32(in));
    within("vocabulary size", header.vocabulary(), 1, 1_000_000);
    within("audio context", header.audioContext(), 1, 100_000);
    within("audio state", header.audioState(), 1, 100_000);
    within("audio heads", header.audioHeads(), 1, 1_000);
    within("audio layers", header.audioLayers(), 1, 1_000);
    within("text context", header.textContext(), 1, 100_000);
    within("text state", header.textState(), 1, 100_000);
    within("text heads", header.textHeads(), 1, 1_000);
    within("text layers", header.textLayers(), 1, 1_000);
    within("mel bands", header.mels(), 1, 1_000);
    int weightType = Math.floorMod(header.fileType(), 1000);
    if (weightType == 0) {
      throw new IllegalStateException(
          "it is an all-F32 model, which whisper.cpp 1.7.1 cannot run; use an F16 or quantized"
              + " one");
    }
    if (!WEIGHT_TYPES.contains(weightType)) {
      throw new IllegalStateException("unknown weight type " + header.fileType());
    }
    int melBands = within("mel filter bands", int32(in), 1, 1_000);
    int fftBins = within("mel filter bins", int32(in), 1, 100_000);
    in.skipNBytes(4L * melBands * fftBins);
    int tokens = within("token count", int32(in), 0, 1_000_000);
    boolean hasSpace = false;
    for (int i = 0; i < tokens; i++) {
      int tokenLength = within("token length", int32(in), 0, MAX_TOKEN_BYTES);
      if (tokenLength == 1) {
        hasSpace |= in.readUnsignedByte() == ' ';
      } else {
        in.skipNBytes(tokenLength);
      }
    }
    if (!hasSpace) {
      // whisper.cpp looks the " " token up with map::at: without it the first run aborts the JVM.
      throw new IllegalStateException("its vocabulary has no \" \" token");
    }
    int tensors = 0;
    for (var bytes = in.readNBytes(4); bytes.length > 0; bytes = in.readNBytes(4), tensors++) {
      if (bytes.length < 4) {
        throw new EOFException();
      }
      skipTensor(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(), in);
    }
    if (tensors == 0) {
      throw new IllegalStateException("it has no weights (the file ends after its vocabulary)");
    }
    return header;
  }

  private static void skipTensor(int dimensions, DataInputStream in) throws IOException {
    within("tensor dimension count", dimensions, 1, 4);
    int nameLength = within("tensor name length", int32(in), 1, MAX_NAME_BYTES);
    int type = int32(in);
    var block = TENSOR_BLOCKS.get(type);
    if (block == null) {
      throw new IllegalStateException("a tensor has unknown type " + type);
    }
    long elements = 1;
    for (int i = 0; i < dimensions; i++) {
      elements *= within("tensor dimension", int32(in), 1, 1 << 20);
    }
    var name = new String(in.readNBytes(nameLength), StandardCharsets.UTF_8);
    if (elements % block[0] != 0) {
      throw new IllegalStateException("tensor %s does not fill whole blocks".formatted(name));
    }
    in.skipNBytes(elements / block[0] * block[1]);
  }

  private static int int32(DataInputStream in) throws IOException {
    var bytes = in.readNBytes(4);
    if (bytes.length < 4) {
      throw new EOFException();
    }
    return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt();
  }

  private static int within(String what, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalStateException("its %s is %d".formatted(what, value));
    }
    return value;
  }

  private static VoiceException broken(Path file, String why, String pullHint) {
    return new VoiceException(
        VoiceErrorCode.MODEL_NOT_CONFIGURED,
        "%s is not a whisper.cpp ggml model: %s. Delete it, then: %s"
            .formatted(file, why, pullHint));
  }
}
