package dev.parley.voice.tts.freetts;

import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.VoiceManager;
import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Allocated FreeTTS voices, one per concurrent synthesis: a {@link Voice} keeps per-utterance state
 * and is not thread-safe. Voices are allocated on demand up to {@code max} (the first costs ~200 ms
 * with class loading, each further one ~60 ms) and reused after.
 */
final class VoicePool {

  static final String VOICE_NAME = "kevin16";
  private static final String VOICE_DIRECTORY =
      "com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory";

  private final int max;
  private final AtomicInteger allocated = new AtomicInteger();
  private final BlockingQueue<Voice> idle = new LinkedBlockingQueue<>();
  private final List<Voice> all = new ArrayList<>();

  VoicePool(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("At least one voice, got " + max);
    }
    this.max = max;
  }

  /** A voice for the caller alone; waits while {@code max} voices are in use. */
  Voice take() throws InterruptedException {
    var voice = idle.poll();
    if (voice != null) {
      return voice;
    }
    if (allocated.getAndIncrement() < max) {
      try {
        return allocate(all);
      } catch (RuntimeException e) {
        allocated.decrementAndGet();
        throw e;
      }
    }
    allocated.decrementAndGet();
    return idle.take();
  }

  void release(Voice voice) {
    idle.add(voice);
  }

  int allocated() {
    return Math.min(allocated.get(), max);
  }

  void close() {
    synchronized (all) {
      all.forEach(Voice::deallocate);
      all.clear();
    }
  }

  // VoiceManager keeps global state, so voices are allocated one at a time.
  private static synchronized Voice allocate(List<Voice> all) {
    // VoiceManager finds voices through this property; kevin16 ships in the FreeTTS jar.
    if (System.getProperty("freetts.voices") == null) {
      System.setProperty("freetts.voices", VOICE_DIRECTORY);
    }
    var voice = VoiceManager.getInstance().getVoice(VOICE_NAME);
    if (voice == null) {
      throw new VoiceException(
          VoiceErrorCode.MODEL_NOT_CONFIGURED,
          ("FreeTTS voice %s not found (freetts.voices=%s). It ships in net.sf.sociaal:freetts"
                  + " 1.2.2: check that the jar is on the classpath, or set"
                  + " parley.voice.tts.provider to a cloud provider.")
              .formatted(VOICE_NAME, System.getProperty("freetts.voices")));
    }
    voice.allocate();
    synchronized (all) {
      all.add(voice);
    }
    return voice;
  }
}
