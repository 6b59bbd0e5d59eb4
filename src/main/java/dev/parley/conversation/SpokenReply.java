package dev.parley.conversation;

import dev.parley.character.Gender;
import dev.parley.conversation.TurnClock.Stage;
import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import dev.parley.voice.audio.AudioFormat;
import dev.parley.voice.tts.AudioListener;
import dev.parley.voice.tts.SentenceChunker;
import dev.parley.voice.tts.SpeechRequest;
import dev.parley.voice.tts.SpeechStream;
import dev.parley.voice.tts.TextToSpeech;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speaks one reply while it is being generated: deltas are cut into sentences, which wait in a
 * bounded queue for one virtual thread that synthesizes them one after the other and writes their
 * audio to the socket in frames of at most {@code replyFrame}. {@link #stop()} silences it at once:
 * every frame is sent under the lock that stop takes, so no frame follows the {@code
 * reply.audio.end} it sends. Each sentence's place in the audio is kept, so the part the learner
 * heard can be told from how much audio they played.
 */
final class SpokenReply {

  private static final Logger log = LoggerFactory.getLogger(SpokenReply.class);
  private static final String END = new String("end of reply");
  private static final int HEADER_BYTES = 8;

  /** What to say the reply with. */
  record Voice(TextToSpeech tts, String hint, Gender gender, String language, double rate) {}

  private final int number;
  private final SessionSocket socket;
  private final Voice voice;
  private final TurnClock clock;
  private final Duration replyFrame;
  private final Consumer<VoiceException> errors;
  private final BlockingQueue<String> sentences;
  private final SentenceChunker chunker;
  private final CompletableFuture<Void> firstAudio = new CompletableFuture<>();
  private final List<Sentence> spoken = new ArrayList<>();

  // Guarded by this.
  private boolean stopped;
  private boolean ended;
  private boolean failed;
  private int sampleRate;
  private long samplesSent;
  private long firstSentNanos;
  private long playedSamples = -1;
  private SpeechStream speaking;
  private CompletableFuture<VoiceException> speakingDone;

  SpokenReply(
      int number,
      SessionSocket socket,
      Voice voice,
      TurnClock clock,
      int sentenceQueue,
      Duration replyFrame,
      Consumer<VoiceException> errors) {
    this.number = number;
    this.socket = socket;
    this.voice = voice;
    this.clock = clock;
    this.replyFrame = replyFrame;
    this.errors = errors;
    this.sentences = new ArrayBlockingQueue<>(sentenceQueue);
    this.chunker = new SentenceChunker(this::enqueue);
    Thread.ofVirtual().name("reply-speech-" + number).start(this::speakAll);
  }

  /** The next piece of the reply text, on the model's thread. */
  void delta(String text) {
    chunker.accept(text);
  }

  /** The reply text is complete: what is left of it is spoken too. */
  void replyEnded() {
    chunker.flush();
    enqueue(END);
  }

  /** Completes once the first audio frame was sent, or when the reply will send none. */
  CompletableFuture<Void> firstAudio() {
    return firstAudio;
  }

  /**
   * Stops the audio at once and cancels synthesis. Sends {@code reply.audio.end} {@code
   * interrupted} if audio had started and had not ended yet.
   */
  void stop() {
    SpeechStream running;
    synchronized (this) {
      if (stopped) {
        return;
      }
      stopped = true;
      if (!ended && sampleRate > 0) {
        socket.trySend(audioEnd("interrupted"));
      }
      running = speaking;
      if (speakingDone != null) {
        speakingDone.complete(null);
      }
      sentences.clear();
      sentences.offer(END);
    }
    if (running != null) {
      running.cancel();
    }
    firstAudio.complete(null);
  }

  /** The client's report of how far it played this reply's audio. */
  synchronized void played(long playedMs) {
    if (sampleRate > 0) {
      playedSamples = Math.max(0, playedMs) * sampleRate / 1000;
    }
  }

  /**
   * Whether the learner may still be hearing this reply: its audio is still being sent, or it was
   * sent so recently that the client is likely still playing it (unless it said it finished).
   */
  synchronized boolean mayBePlaying(Duration grace) {
    if (stopped || failed) {
      return false;
    }
    if (!ended) {
      return true;
    }
    if (sampleRate == 0 || (playedSamples >= samplesSent)) {
      return false;
    }
    long durationNanos = samplesSent * 1_000_000_000L / sampleRate;
    return System.nanoTime() - firstSentNanos < durationNanos + grace.toNanos();
  }

  /**
   * The part of the reply the learner heard, from their latest playback report or else all audio
   * sent; null if the reply was not (entirely) spoken, so the text they read is what counts.
   */
  synchronized String heardText() {
    if (failed) {
      return null;
    }
    long played = playedSamples < 0 ? samplesSent : Math.min(playedSamples, samplesSent);
    var spans = spoken.stream().map(Sentence::span).toList();
    return HeardText.of(spans, played);
  }

  private void enqueue(String sentence) {
    if (sentence != END && !isStopped()) {
      clock.mark(Stage.FIRST_SENTENCE);
    }
    try {
      while (!isStopped() && !sentences.offer(sentence, 100, TimeUnit.MILLISECONDS)) {
        // The synthesizer is a whole queue behind: the model waits for it.
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized boolean isStopped() {
    return stopped;
  }

  private void speakAll() {
    try {
      while (true) {
        var sentence = sentences.take();
        if (sentence == END || isStopped() || !speak(sentence)) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("Speaking reply {} failed", number, e);
      fail(new VoiceException(VoiceErrorCode.PROVIDER_ERROR, "Speech synthesis failed", e));
    } finally {
      finish();
    }
  }

  /** Speaks one sentence; false if the reply must not go on. */
  private boolean speak(String text) throws InterruptedException {
    var sentence = new Sentence(text);
    var done = new CompletableFuture<VoiceException>();
    synchronized (this) {
      if (stopped) {
        return false;
      }
      sentence.start = samplesSent;
      spoken.add(sentence);
      speakingDone = done;
    }
    var request =
        new SpeechRequest(text, voice.hint(), voice.gender(), voice.language(), voice.rate());
    SpeechStream stream;
    try {
      stream =
          voice
              .tts()
              .speak(
                  request,
                  new AudioListener() {
                    @Override
                    public void onAudio(short[] samples, int count, AudioFormat format) {
                      try {
                        send(sentence, samples, count, format);
                      } catch (VoiceException e) {
                        done.complete(e);
                      } catch (RuntimeException e) {
                        // The client is gone: closing the socket cleans up the turn.
                        stop();
                      }
                    }

                    @Override
                    public void onComplete() {
                      done.complete(null);
                    }

                    @Override
                    public void onError(VoiceException error) {
                      done.complete(error);
                    }
                  });
    } catch (VoiceException e) {
      done.complete(e);
      stream = () -> {};
    }
    synchronized (this) {
      speaking = stream;
      if (stopped) {
        stream.cancel();
        return false;
      }
    }
    VoiceException error;
    try {
      error = done.get();
    } catch (ExecutionException e) {
      error = new VoiceException(VoiceErrorCode.PROVIDER_ERROR, "Speech synthesis failed", e);
    }
    synchronized (this) {
      speaking = null;
      speakingDone = null;
      sentence.complete = true;
    }
    if (error != null && !isStopped()) {
      fail(error);
      return false;
    }
    return true;
  }

  private void send(Sentence sentence, short[] samples, int count, AudioFormat format) {
    clock.mark(Stage.TTS_FIRST_BYTE);
    int frame = (int) Math.max(1, format.sampleRate() * replyFrame.toMillis() / 1000);
    for (int from = 0; from < count; from += frame) {
      int length = Math.min(frame, count - from);
      synchronized (this) {
        if (stopped) {
          return;
        }
        if (sampleRate == 0) {
          sampleRate = format.sampleRate();
          socket.send(
              ConversationViews.event(
                  "reply.audio.start",
                  Map.of("number", number, "sampleRate", sampleRate, "encoding", "pcm16")));
        } else if (format.sampleRate() != sampleRate) {
          throw new VoiceException(
              VoiceErrorCode.PROVIDER_ERROR,
              "The synthesizer changed its sample rate within a reply");
        }
        var payload = ByteBuffer.allocate(HEADER_BYTES + length * 2).order(ByteOrder.LITTLE_ENDIAN);
        payload.putInt(number).putInt((int) samplesSent);
        // A view from the header on, little-endian like the buffer: the samples' only copy.
        payload.asShortBuffer().put(samples, from, length);
        socket.sendBinary(payload.array());
        if (samplesSent == 0) {
          firstSentNanos = System.nanoTime();
        }
        samplesSent += length;
        sentence.length += length;
      }
      clock.mark(Stage.FIRST_AUDIO_SENT);
      firstAudio.complete(null);
    }
  }

  private void fail(VoiceException error) {
    synchronized (this) {
      if (stopped) {
        return;
      }
      failed = true;
    }
    errors.accept(error);
  }

  /** The audio is over: completed unless it was stopped (then stop() already said so). */
  private void finish() {
    synchronized (this) {
      if (!stopped && !ended && sampleRate > 0) {
        socket.trySend(audioEnd("completed"));
      }
      ended = true;
    }
    firstAudio.complete(null);
  }

  private Map<String, Object> audioEnd(String status) {
    return ConversationViews.event(
        "reply.audio.end",
        Map.of(
            "number",
            number,
            "durationMs",
            sampleRate == 0 ? 0 : samplesSent * 1000 / sampleRate,
            "status",
            status));
  }

  /** A sentence and where its audio lies in the reply's audio; guarded by the reply. */
  private static final class Sentence {
    final String text;
    long start;
    long length;
    boolean complete;

    Sentence(String text) {
      this.text = text;
    }

    HeardText.Span span() {
      return new HeardText.Span(text, start, length, complete);
    }
  }
}
