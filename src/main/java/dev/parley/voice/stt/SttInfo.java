package dev.parley.voice.stt;

/**
 * @param provider adapter family, e.g. {@code whisper}, {@code pocketsphinx}, {@code deepgram}
 * @param model model name
 */
public record SttInfo(String provider, String model) {}
