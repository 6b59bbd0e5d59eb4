package dev.parley.llm.local;

import dev.parley.llm.LlmErrorCode;
import dev.parley.llm.LlmException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Reads just enough of a GGUF file to reject what the native loader would reject with a bare
 * "failed to load model": files that are not GGUF, and architectures newer than the bundled
 * llama.cpp build.
 */
final class GgufHeader {

  /** Architectures that llama.cpp build 4916 (bundled with de.kherud:llama 4.2.0) cannot load. */
  static final Set<String> UNSUPPORTED_ARCHITECTURES =
      Set.of("qwen3", "qwen3moe", "smollm3", "gemma3n", "llama4");

  private static final int MAGIC = 0x46554747; // "GGUF" read little-endian
  private static final int TYPE_STRING = 8;
  private static final int TYPE_ARRAY = 9;
  private static final int[] SCALAR_SIZES = {1, 1, 2, 2, 4, 4, 4, 1, -1, -1, 8, 8, 8};

  private GgufHeader() {}

  /** Checks the file and returns its {@code general.architecture} (or "unknown"). */
  static String checkLoadable(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new LlmException(
          LlmErrorCode.MODEL_NOT_CONFIGURED,
          "Local model file %s does not exist; point the local LLM at a GGUF model file"
              .formatted(file.toAbsolutePath()));
    }
    String architecture;
    try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      architecture = readArchitecture(in);
    } catch (EOFException e) {
      throw notGguf(file, "it ends inside its header");
    } catch (IOException e) {
      throw new LlmException(
          LlmErrorCode.MODEL_NOT_CONFIGURED,
          "Local model file %s cannot be read: %s".formatted(file, e.getMessage()),
          e);
    } catch (IllegalStateException e) {
      throw notGguf(file, e.getMessage());
    }
    if (UNSUPPORTED_ARCHITECTURES.contains(architecture)) {
      throw new LlmException(
          LlmErrorCode.MODEL_NOT_CONFIGURED,
          ("Local model %s has architecture '%s', which the bundled llama.cpp (build 4916) does"
                  + " not support (qwen3, smollm3, gemma3n and llama4 are too new); use a"
                  + " qwen2 (Qwen2.5), llama (Llama 3.2, SmolLM2), gemma3 or phi3 GGUF")
              .formatted(file.getFileName(), architecture));
    }
    return architecture;
  }

  private static LlmException notGguf(Path file, String why) {
    return new LlmException(
        LlmErrorCode.MODEL_NOT_CONFIGURED,
        "Local model file %s is not a valid GGUF model (%s)".formatted(file, why));
  }

  private static String readArchitecture(DataInputStream in) throws IOException {
    if (Integer.reverseBytes(in.readInt()) != MAGIC) {
      throw new IllegalStateException("no GGUF magic number at its start");
    }
    int version = Integer.reverseBytes(in.readInt());
    if (version < 2) {
      throw new IllegalStateException("GGUF version " + version + " is too old");
    }
    in.skipNBytes(8); // tensor count
    long entries = Long.reverseBytes(in.readLong());
    for (long i = 0; i < entries; i++) {
      var key = readString(in);
      int type = Integer.reverseBytes(in.readInt());
      if (key.equals("general.architecture") && type == TYPE_STRING) {
        return readString(in);
      }
      skipValue(in, type);
    }
    return "unknown";
  }

  private static void skipValue(DataInputStream in, int type) throws IOException {
    if (type == TYPE_STRING) {
      skipString(in);
    } else if (type == TYPE_ARRAY) {
      int elementType = Integer.reverseBytes(in.readInt());
      long count = Long.reverseBytes(in.readLong());
      if (elementType >= 0 && elementType < SCALAR_SIZES.length && SCALAR_SIZES[elementType] > 0) {
        in.skipNBytes(count * SCALAR_SIZES[elementType]);
      } else {
        for (long i = 0; i < count; i++) {
          skipValue(in, elementType);
        }
      }
    } else if (type >= 0 && type < SCALAR_SIZES.length) {
      in.skipNBytes(SCALAR_SIZES[type]);
    } else {
      throw new IllegalStateException("unknown metadata type " + type);
    }
  }

  private static String readString(DataInputStream in) throws IOException {
    long length = Long.reverseBytes(in.readLong());
    if (length < 0 || length > 1 << 20) {
      throw new IllegalStateException("implausible string length " + length);
    }
    var bytes = new byte[(int) length];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static void skipString(DataInputStream in) throws IOException {
    long length = Long.reverseBytes(in.readLong());
    if (length < 0) {
      throw new IllegalStateException("negative string length");
    }
    in.skipNBytes(length);
  }
}
