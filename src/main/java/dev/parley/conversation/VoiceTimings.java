package dev.parley.conversation;

/**
 * How fast a spoken turn went, stage by stage, in milliseconds from the end of the learner's speech
 * (from the message's arrival for a typed turn); null where the stage did not happen. Also which
 * engines listened and spoke (null where none did).
 */
public record VoiceTimings(
    Integer sttFinalMs,
    Integer llmFirstTokenMs,
    Integer firstSentenceMs,
    Integer ttsFirstByteMs,
    Integer firstAudioSentMs,
    String sttProvider,
    String sttModel,
    String ttsProvider,
    String ttsModel) {

  static final VoiceTimings NONE =
      new VoiceTimings(null, null, null, null, null, null, null, null, null);
}
