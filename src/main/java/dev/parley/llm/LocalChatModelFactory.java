package dev.parley.llm;

import java.nio.file.Path;

/**
 * Builds the in-process llama.cpp model from an existing GGUF file. A bean of this type is how the
 * local adapter plugs into {@link LlmConfiguration}; without one, {@code provider=local} reports
 * that the adapter is missing.
 */
@FunctionalInterface
public interface LocalChatModelFactory {

  ChatModel create(Path modelFile, LlmProperties.Local settings);
}
