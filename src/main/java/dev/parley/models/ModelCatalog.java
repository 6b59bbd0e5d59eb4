package dev.parley.models;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The models Parley knows how to download, with exact sizes and pinned checksums (sources in
 * docs/models.md). An entry without a pinned checksum is verified against the SHA-256 the hub
 * reports for the file instead.
 */
public final class ModelCatalog {

  // SHA-256 of the Hugging Face LFS object, as recorded independently by several projects.
  private static final ModelEntry QWEN_2_5_0_5B =
      new ModelEntry(
          "qwen2.5-0.5b-instruct",
          ModelKind.LLM,
          "qwen2.5-0.5b-instruct-q4_k_m.gguf",
          URI.create(
              "https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct-GGUF/resolve/main/"
                  + "qwen2.5-0.5b-instruct-q4_k_m.gguf"),
          491_400_032L,
          Checksum.sha256("74a4da8c9fdbcd15bd1f6d01d621410d31c6fc00986f5eb687824e7b93d7a9db"),
          "Apache-2.0",
          true);

  // SHA-1 values are the ones whisper.cpp publishes in models/README.md.
  private static final ModelEntry WHISPER_BASE_EN =
      new ModelEntry(
          "whisper-base.en",
          ModelKind.STT,
          "ggml-base.en.bin",
          URI.create("https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-base.en.bin"),
          147_964_211L,
          Checksum.sha1("137c40403d78fd54d454da0f9bd998f78703390c"),
          "MIT",
          false);

  private static final ModelEntry WHISPER_TINY_EN =
      new ModelEntry(
          "whisper-tiny.en",
          ModelKind.STT,
          "ggml-tiny.en.bin",
          URI.create("https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-tiny.en.bin"),
          77_704_715L,
          Checksum.sha1("c78c86eb1a8faa21b369bcd33207cc90d64ae9df"),
          "MIT",
          false);

  private static final List<ModelEntry> ENTRIES =
      List.of(QWEN_2_5_0_5B, WHISPER_BASE_EN, WHISPER_TINY_EN);

  private ModelCatalog() {}

  public static List<ModelEntry> entries() {
    return ENTRIES;
  }

  public static Optional<ModelEntry> find(String id) {
    return ENTRIES.stream().filter(entry -> entry.id().equals(id)).findFirst();
  }

  /** The set `parley models pull` downloads when given no ids. */
  public static List<ModelEntry> defaults() {
    return ENTRIES.stream().filter(ModelEntry::defaultModel).toList();
  }

  /** The local LLM used when no other model is configured. */
  public static ModelEntry defaultLlm() {
    return QWEN_2_5_0_5B;
  }

  public static List<String> ids() {
    return ENTRIES.stream().map(ModelEntry::id).toList();
  }
}
