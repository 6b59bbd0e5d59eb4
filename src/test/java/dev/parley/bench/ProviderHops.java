package dev.parley.bench;

import static dev.parley.testing.ProviderMarks.LLM_REQUEST;
import static dev.parley.testing.ProviderMarks.LLM_TOKEN;
import static dev.parley.testing.ProviderMarks.STT_FINAL;
import static dev.parley.testing.ProviderMarks.STT_FINALIZE;
import static dev.parley.testing.ProviderMarks.TTS_FIRST_BYTE;
import static dev.parley.testing.ProviderMarks.TTS_REQUEST;

import dev.parley.bench.VoiceSession.TurnResult;
import dev.parley.testing.ProviderMarks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Splits one turn's voice-to-voice time at the fakes' marks: the hops between them (the server's
 * work plus the loopback and the fakes' HTTP/WebSocket plumbing on either side) and each fake's
 * lateness against its configured delay. The parts add up to voice-to-voice minus the provider
 * delays. Meaningful with one session only: the marks of concurrent turns would interleave.
 */
final class ProviderHops implements AutoCloseable {

  /** The parts, in the order they happen; the fakes' lateness rows start with "fake". */
  static final List<String> PARTS =
      List.of(
          "end of speech at the client (`speech.stopped` in, or `speech.end` out) → `Finalize` at"
              + " the fake STT",
          "fake STT late (after its delay)",
          "final transcript sent → LLM request at the fake",
          "fake LLM late (first sentence's last token)",
          "that token sent → TTS request at the fake",
          "fake TTS late (first byte)",
          "first TTS bytes sent → first reply audio at the client");

  private record Mark(String name, long nanos) {}

  private final ConcurrentLinkedQueue<Mark> marks = new ConcurrentLinkedQueue<>();
  private final long sttFinal;
  private final long llmFirstSentence;
  private final long ttsFirstByte;
  private final int firstSentenceTokens;

  ProviderHops(Duration sttFinal, Duration llmFirstSentence, Duration ttsFirstByte, int tokens) {
    this.sttFinal = sttFinal.toNanos();
    this.llmFirstSentence = llmFirstSentence.toNanos();
    this.ttsFirstByte = ttsFirstByte.toNanos();
    this.firstSentenceTokens = tokens;
    ProviderMarks.listen((name, nanos) -> marks.add(new Mark(name, nanos)));
  }

  /** The parts of {@code turn} in ms, from the marks since the last call; null if one is missing. */
  Map<String, Double> split(TurnResult turn) {
    var seen = new ArrayList<Mark>();
    for (Mark mark; (mark = marks.poll()) != null; ) {
      seen.add(mark);
    }
    long finalize = first(seen, STT_FINALIZE, turn.stoppedAtNanos() - 50_000_000L, 0);
    long finalSent = first(seen, STT_FINAL, finalize, 0);
    long llmRequest = first(seen, LLM_REQUEST, finalSent, 0);
    long sentenceSent = first(seen, LLM_TOKEN, llmRequest, firstSentenceTokens - 1);
    long ttsRequest = first(seen, TTS_REQUEST, sentenceSent, 0);
    long ttsSent = first(seen, TTS_FIRST_BYTE, ttsRequest, 0);
    if (finalize < 0 || finalSent < 0 || llmRequest < 0 || sentenceSent < 0 || ttsRequest < 0
        || ttsSent < 0) {
      return null;
    }
    var parts = new LinkedHashMap<String, Double>();
    parts.put(PARTS.get(0), ms(finalize - turn.stoppedAtNanos()));
    parts.put(PARTS.get(1), ms(finalSent - sttFinal - finalize));
    parts.put(PARTS.get(2), ms(llmRequest - finalSent));
    parts.put(PARTS.get(3), ms(sentenceSent - llmFirstSentence - llmRequest));
    parts.put(PARTS.get(4), ms(ttsRequest - sentenceSent));
    parts.put(PARTS.get(5), ms(ttsSent - ttsFirstByte - ttsRequest));
    parts.put(PARTS.get(6), ms(turn.firstAudioNanos() - ttsSent));
    return parts;
  }

  /** The {@code skip}+1-th mark named {@code name} at or after {@code from}, or -1. */
  private static long first(List<Mark> marks, String name, long from, int skip) {
    if (from < 0) {
      return -1;
    }
    int left = skip;
    for (var mark : marks) {
      if (mark.name().equals(name) && mark.nanos() >= from && left-- == 0) {
        return mark.nanos();
      }
    }
    return -1;
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  @Override
  public void close() {
    ProviderMarks.listen(null);
  }
}
