package dev.parley.conversation;

import dev.parley.character.CefrLevel;

/**
 * What a learner asks for when starting a session.
 *
 * @param targetLanguage null for the character's own language
 */
public record NewSession(
    String characterId,
    SessionMode mode,
    CefrLevel level,
    String nativeLanguage,
    String targetLanguage) {}
