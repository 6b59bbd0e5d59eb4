package dev.parley.voice.tts.freetts;

import com.sun.speech.freetts.Voice;
import dev.parley.character.Gender;
import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import dev.parley.voice.audio.AudioFormat;
import dev.parley.voice.tts.AudioListener;
import dev.parley.voice.tts.SpeechRequest;
import dev.parley.voice.tts.SpeechStream;
import dev.parley.voice.tts.TextToSpeech;
import dev.parley.voice.tts.TtsInfo;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-process speech with FreeTTS and its built-in {@code kevin16} voice (16 kHz, male, US English):
 * robotic but intelligible, and its first audio comes within milliseconds.
 *
 * <ul>
 *   <li>English only. Other languages fail with {@link VoiceErrorCode#UNSUPPORTED_LANGUAGE}: an
 *       English voice reading Spanish would teach learners a wrong pronunciation. Those characters
 *       need a cloud provider ({@code parley.voice.tts.provider}).
 *   <li>Audio streams as FreeTTS produces it, in 32 ms chunks of 16 kHz PCM16.
 *   <li>Rate: {@link SpeechRequest#rate()} × 150 words per minute.
 *   <li>There is no female voice: female characters get kevin16 at a higher pitch ({@value
 *       #FEMALE_PITCH_HZ} Hz instead of {@value #MALE_PITCH_HZ} Hz), neutral ones in between.
 *   <li>Up to {@code maxConcurrentStreams} sentences synthesize at once, each on its own voice;
 *       more wait their turn.
 * </ul>
 */
public final class FreeTtsTextToSpeech implements TextToSpeech, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FreeTtsTextToSpeech.class);

  static final float WORDS_PER_MINUTE = 150;
  static final float MALE_PITCH_HZ = 100;
  static final float NEUTRAL_PITCH_HZ = 130;
  static final float FEMALE_PITCH_HZ = 165;

  private static final TtsInfo INFO = new TtsInfo("freetts", VoicePool.VOICE_NAME);

  private final VoicePool voices;
  private final ExecutorService executor;

  public FreeTtsTextToSpeech(int maxConcurrentStreams) {
    voices = new VoicePool(maxConcurrentStreams);
    executor =
        Executors.newFixedThreadPool(
            maxConcurrentStreams, Thread.ofPlatform().name("freetts-", 1).daemon().factory());
  }

  /**
   * Loads the voice and speaks a throwaway sentence, so that the first real request does not pay
   * for class loading and JIT warm-up. Failures are logged, not thrown: the server still starts and
   * each request then says what is wrong.
   */
  public void warmUp() {
    long start = System.nanoTime();
    try {
      var voice = voices.take();
      try {
        voice.setAudioPlayer(new PcmForwardingPlayer((samples, format) -> true));
        voice.speak("Hello, ready.");
      } finally {
        voices.release(voice);
      }
      log.info(
          "FreeTTS voice {} ready in {} ms",
          VoicePool.VOICE_NAME,
          (System.nanoTime() - start) / 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("FreeTTS voice {} failed to load: {}", VoicePool.VOICE_NAME, e.getMessage());
    }
  }

  @Override
  public TtsInfo info() {
    return INFO;
  }

  /** FreeTTS speaks English only. */
  @Override
  public boolean supports(String language) {
    return language != null
        && language.strip().toLowerCase(Locale.ROOT).replace('_', '-').split("-")[0].equals("en");
  }

  @Override
  public SpeechStream speak(SpeechRequest request, AudioListener listener) {
    var stream = new Stream(request, listener);
    executor.execute(stream::run);
    return stream;
  }

  @Override
  public void close() {
    executor.shutdownNow();
    voices.close();
  }

  int allocatedVoices() {
    return voices.allocated();
  }

  /** One synthesis: runs on a pool thread, forwards audio until done or cancelled. */
  private final class Stream implements SpeechStream {

    private final SpeechRequest request;
    private final AudioListener listener;
    private boolean cancelled;

    Stream(SpeechRequest request, AudioListener listener) {
      this.request = request;
      this.listener = listener;
    }

    @Override
    public void cancel() {
      // Waits for an onAudio in progress, so no audio reaches the listener after this returns.
      synchronized (this) {
        cancelled = true;
      }
    }

    private synchronized boolean isCancelled() {
      return cancelled;
    }

    /** Returning false makes FreeTTS abandon the rest of the text. */
    private synchronized boolean forward(short[] samples, AudioFormat format) {
      if (cancelled) {
        return false;
      }
      listener.onAudio(samples, samples.length, format);
      return true;
    }

    void run() {
      try {
        if (!supports(request.language())) {
          throw new VoiceException(
              VoiceErrorCode.UNSUPPORTED_LANGUAGE,
              ("FreeTTS speaks English only, not %s. Set parley.voice.tts.provider to openai,"
                      + " elevenlabs or deepgram for characters in other languages.")
                  .formatted(request.language()));
        }
        if (!isCancelled() && !request.text().isBlank()) {
          synthesize();
        }
        if (isCancelled()) {
          listener.onError(new VoiceException(VoiceErrorCode.CANCELLED, "Speech cancelled"));
        } else {
          listener.onComplete();
        }
      } catch (VoiceException e) {
        listener.onError(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        listener.onError(new VoiceException(VoiceErrorCode.CANCELLED, "FreeTTS shut down"));
      } catch (RuntimeException e) {
        listener.onError(
            new VoiceException(VoiceErrorCode.PROVIDER_ERROR, "FreeTTS failed: " + e, e));
      }
    }

    private void synthesize() throws InterruptedException {
      Voice voice = voices.take();
      try {
        voice.setAudioPlayer(new PcmForwardingPlayer(this::forward));
        voice.setRate((float) (WORDS_PER_MINUTE * request.rate()));
        voice.setPitch(pitchFor(request.gender()));
        boolean spoken = voice.speak(request.text());
        if (!spoken && !isCancelled()) {
          throw new VoiceException(
              VoiceErrorCode.PROVIDER_ERROR, "FreeTTS could not speak: " + request.text());
        }
      } finally {
        voices.release(voice);
      }
    }
  }

  private static float pitchFor(Gender gender) {
    return switch (gender) {
      case FEMALE -> FEMALE_PITCH_HZ;
      case MALE -> MALE_PITCH_HZ;
      default -> NEUTRAL_PITCH_HZ;
    };
  }
}
