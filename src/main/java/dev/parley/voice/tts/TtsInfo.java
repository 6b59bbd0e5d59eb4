package dev.parley.voice.tts;

/**
 * @param provider adapter family, e.g. {@code freetts}, {@code openai}, {@code elevenlabs}
 * @param model model or engine name
 */
public record TtsInfo(String provider, String model) {}
