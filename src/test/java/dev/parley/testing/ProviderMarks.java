package dev.parley.testing;

import java.util.function.BiConsumer;

/**
 * When the fakes received a request and when they began to write what the client waits for, in
 * {@link System#nanoTime()}. The voice benchmark uses them to split its server-added latency into
 * the hops between the fakes (the server and the loopback) and the fakes' own lateness; nothing
 * listens in the tests.
 */
public final class ProviderMarks {

  /** Fake STT got {@code Finalize}. */
  public static final String STT_FINALIZE = "stt.finalize";

  /** Fake STT is about to write the final transcript of an utterance. */
  public static final String STT_FINAL = "stt.final";

  /** Fake LLM's handler started on a request. */
  public static final String LLM_REQUEST = "llm.request";

  /** Fake LLM is about to send a token. */
  public static final String LLM_TOKEN = "llm.token";

  /** Fake TTS's handler started on a request. */
  public static final String TTS_REQUEST = "tts.request";

  /** Fake TTS is about to send its first audio bytes. */
  public static final String TTS_FIRST_BYTE = "tts.firstByte";

  private static volatile BiConsumer<String, Long> sink;
  private static volatile BiConsumer<String, Long> latenessSink;

  private ProviderMarks() {}

  /** Receives every mark from now on; null stops it. */
  public static void listen(BiConsumer<String, Long> listener) {
    sink = listener;
  }

  /**
   * Receives, from now on, how late each fake was with what the client waits for (the marks {@link
   * #STT_FINAL}, {@link #LLM_TOKEN} and {@link #TTS_FIRST_BYTE}), in nanoseconds after it was due;
   * null stops it. Under load this tells the fakes' own delays from the server's.
   */
  public static void listenLateness(BiConsumer<String, Long> listener) {
    latenessSink = listener;
  }

  static void late(String name, long due) {
    var listener = latenessSink;
    if (listener != null) {
      listener.accept(name, System.nanoTime() - due);
    }
  }

  static void mark(String name, long nanos) {
    var listener = sink;
    if (listener != null) {
      listener.accept(name, nanos);
    }
  }

  static void mark(String name) {
    if (sink != null) {
      mark(name, System.nanoTime());
    }
  }
}
