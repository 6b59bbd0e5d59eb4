package dev.parley.voice.stt;

/**
 * @param text what the user said, trimmed; empty when nothing was recognised
 * @param confidence 0..1, or -1 when the engine gives none
 * @param audioMillis length of the audio transcribed
 */
public record Transcript(String text, double confidence, long audioMillis) {}
