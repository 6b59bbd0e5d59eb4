package dev.parley.llm;

/**
 * @param provider adapter family, e.g. {@code local}, {@code openai}, {@code gemini}
 * @param model model name or GGUF file name
 */
public record ModelInfo(String provider, String model) {}
