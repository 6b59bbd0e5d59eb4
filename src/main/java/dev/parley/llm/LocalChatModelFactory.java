package dev.parley.llm;

import java.nio.file.Path;

/**
 * Builds the in-process llama.cpp model from an existing GGUF file; a seam so that provider
 * selection is testable without loading native code.
 */
@FunctionalInterface
interface LocalChatModelFactory {

  ChatModel create(Path modelFile, LlmProperties.Local settings);
}
