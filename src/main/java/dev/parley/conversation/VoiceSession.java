package dev.parley.conversation;

import dev.parley.conversation.TurnClock.Stage;
import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import dev.parley.voice.audio.AudioFormat;
import dev.parley.voice.audio.Pcm16;
import dev.parley.voice.audio.Resampler;
import dev.parley.voice.stt.SpeechToText;
import dev.parley.voice.stt.Transcript;
import dev.parley.voice.stt.TranscriptListener;
import dev.parley.voice.stt.Transcription;
import dev.parley.voice.stt.TranscriptionOptions;
import dev.parley.voice.tts.TextToSpeech;
import dev.parley.voice.vad.ClientEndpointer;
import dev.parley.voice.vad.Endpointer;
import dev.parley.voice.vad.TurnDetectorFactory;
import dev.parley.voice.vad.TurnListener;
import dev.parley.web.ApiException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * The voice side of one session socket. Audio frames arrive on the socket's receive thread and go
 * straight through the resampler and the endpointer (the server's VAD, or the client's own marks),
 * whose events run here too: speech start (barge-in, a new transcription), its audio (to the
 * recogniser, which never blocks), its end. The recogniser's final transcript starts a turn;
 * replies are spoken by a {@link SpokenReply} when the client declared audio. Nothing on the
 * receive thread waits for a model.
 */
final class VoiceSession implements TurnListener {

  private static final Logger log = LoggerFactory.getLogger(VoiceSession.class);

  /** What the voice pipeline needs; the suppliers answer null when the component is not set up. */
  record Services(
      ConversationService conversations,
      Supplier<TurnDetectorFactory> detectors,
      Supplier<SpeechToText> stt,
      Supplier<TextToSpeech> tts,
      VoiceProperties properties,
      VoiceMetrics metrics) {}

  private final SessionSocket socket;
  private final Services services;

  // The receive thread's state, guarded by this.
  private Resampler resampler;
  private int maxFrameBytes;
  private Endpointer endpointer;
  private long position;
  private Utterance utterance;

  /** How replies are spoken; null until the client declares audio. */
  private volatile SpokenReply.Voice voice;

  private volatile boolean toldTtsMissing;
  private volatile VoiceTurn current;

  VoiceSession(SessionSocket socket, Services services) {
    this.socket = socket;
    this.services = services;
  }

  // ---- Client events (receive thread) ----

  /**
   * {@code audio.start}: checks the format and the endpointing, opens the endpointer, answers
   * audio.ready. Sent again, it changes them; a turn in progress then ends.
   */
  synchronized void audioStart(JsonNode event) {
    int rate = checkedRate(event.get("format"));
    boolean client = clientEndpointing(event.get("endpointing"));
    var session = services.conversations().session(socket.learner, socket.sessionId);
    var character = services.conversations().character(session, socket.learner);
    if (endpointer != null && client != (endpointer instanceof ClientEndpointer)) {
      closeEndpointer();
    }
    if (endpointer == null) {
      var detectors = services.detectors().get();
      if (detectors == null) {
        throw new ApiException(
            HttpStatus.SERVICE_UNAVAILABLE,
            VoiceErrorCode.MODEL_NOT_CONFIGURED.wireName(),
            "No voice activity detector is configured (parley.voice.vad)");
      }
      try {
        endpointer =
            client ? detectors.openClientMarked(this) : detectors.open(session.level(), this);
      } catch (VoiceException e) {
        throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, e.code().wireName(), e.getMessage());
      }
      position = 0;
    }
    resampler = Resampler.toPipelineRate(rate);
    maxFrameBytes = new AudioFormat(rate).bytesFor(services.properties().maxFrame().toMillis());
    voice =
        new SpokenReply.Voice(
            null,
            character.voice(),
            character.gender(),
            session.targetLanguage(),
            services.properties().speakingRate().forLevel(session.level()));
    socket.send(
        ConversationViews.event(
            "audio.ready",
            Map.of(
                "sampleRate",
                AudioFormat.PIPELINE_RATE,
                "endpointing",
                client ? "client" : "server")));
    var stt = services.stt().get();
    if (stt == null) {
      socket.send(
          ConversationViews.error(
              VoiceErrorCode.MODEL_NOT_CONFIGURED.wireName(),
              "No speech recogniser is configured: set parley.voice.stt.provider. Typed messages"
                  + " and interrupting by voice still work.",
              null,
              null));
    } else if (!stt.supports(session.targetLanguage())) {
      socket.send(
          ConversationViews.error(
              VoiceErrorCode.UNSUPPORTED_LANGUAGE.wireName(),
              "The speech recogniser "
                  + stt.info().provider()
                  + " cannot transcribe "
                  + session.targetLanguage()
                  + ": choose another with parley.voice.stt.provider. Typed messages and"
                  + " interrupting by voice still work.",
              null,
              null));
    }
  }

  /** {@code audio.stop}: the microphone is off; speech in progress ends as if silence followed. */
  synchronized void audioStop() {
    if (endpointer != null) {
      closeEndpointer();
    }
  }

  /** {@code speech.end}: the learner has finished; the turn in progress ends now. */
  synchronized void speechEnd() {
    if (endpointer != null) {
      endpointer.endTurn();
    }
  }

  private void closeEndpointer() {
    if (endpointer.inTurn()) {
      endUtterance(position * 1000 / AudioFormat.PIPELINE_RATE);
    }
    endpointer.close();
    endpointer = null;
    resampler = null;
  }

  /** One binary frame: microphone audio in the declared format. */
  synchronized void audio(ByteBuffer whole) {
    if (resampler == null) {
      socket.trySend(
          ConversationViews.error(
              "audio_not_started",
              "Send audio.start with the audio format before binary audio frames",
              null,
              null));
      return;
    }
    if (whole.remaining() > maxFrameBytes) {
      socket.trySend(
          ConversationViews.error(
              "audio_frame_too_large",
              "Audio frames are limited to "
                  + services.properties().maxFrame().toMillis()
                  + " ms ("
                  + maxFrameBytes
                  + " bytes at "
                  + resampler.inputRate()
                  + " Hz); the frame was dropped",
              null,
              null));
      return;
    }
    if (whole.remaining() % 2 != 0) {
      socket.trySend(
          ConversationViews.error(
              "audio_frame_malformed",
              "An audio frame holds whole 16-bit samples: got an odd number of bytes ("
                  + whole.remaining()
                  + ")",
              null,
              null));
      return;
    }
    var samples = resampler.process(Pcm16.toShorts(whole));
    position += samples.length;
    try {
      endpointer.accept(samples);
    } catch (VoiceException e) {
      socket.trySend(ConversationViews.error(e.code().wireName(), e.getMessage(), null, null));
    } catch (RuntimeException e) {
      // A component failing on one frame must not cost the learner the connection.
      log.warn("Voice input of session {} failed on a frame", socket.sessionId, e);
      socket.trySend(
          ConversationViews.error(
              VoiceErrorCode.PROVIDER_ERROR.wireName(), "Processing the audio failed", null, null));
    }
  }

  /** {@code user.text}: a typed turn, spoken back if the client declared audio. */
  void userText(String text) {
    startTurn(text, new TurnClock(System.nanoTime()), null);
  }

  /** {@code interrupt}: like speech, without speech. */
  void interrupt() {
    var turn = current;
    if (turn != null && turn.interruptible()) {
      turn.bargeIn();
    }
  }

  /** {@code playback}: how far the client played a reply's audio. */
  void playback(JsonNode event) {
    var number = event.get("number");
    var playedMs = event.get("playedMs");
    if (number == null || !number.isIntegralNumber() || playedMs == null || !playedMs.isNumber()) {
      throw ApiException.badRequest(
          "malformed_message", "playback needs a \"number\" and \"playedMs\"");
    }
    var turn = current;
    if (turn != null && turn.number() == number.asInt()) {
      turn.played(playedMs.asLong());
    }
  }

  /** The socket closed: nobody listens or hears any more. */
  synchronized void close() {
    if (utterance != null) {
      utterance.cancel();
      utterance = null;
    }
    if (endpointer != null) {
      endpointer.close();
      endpointer = null;
    }
    var turn = current;
    if (turn != null) {
      turn.abandon();
    }
  }

  // ---- Endpointer events (receive thread, holding this) ----

  @Override
  public void speechStarted(long atMillis) {
    socket.trySend(ConversationViews.event("speech.started", Map.of("atMs", atMillis)));
    var turn = current;
    if (turn != null && turn.interruptible()) {
      turn.bargeIn();
    }
    if (utterance != null) {
      utterance.cancel();
    }
    utterance = new Utterance();
    utterance.open();
    services.conversations().readAhead(socket.sessionId);
  }

  @Override
  public void onAudio(short[] samples) {
    if (utterance != null) {
      utterance.accept(samples);
    }
  }

  @Override
  public void speechStopped(long atMillis, long speechEndMillis) {
    endUtterance(atMillis);
  }

  @Override
  public void maxTurnReached(long atMillis) {
    endUtterance(atMillis);
  }

  /** The recognizer hears of the end before the client does: its final transcript is waited on. */
  private void endUtterance(long atMillis) {
    if (utterance != null) {
      utterance.finish();
      utterance = null;
    }
    socket.trySend(ConversationViews.event("speech.stopped", Map.of("atMs", atMillis)));
  }

  // ---- Turns ----

  private void transcribed(Utterance heard, Transcript transcript) {
    var clock = new TurnClock(heard.endNanos);
    clock.mark(Stage.STT_FINAL);
    var text = transcript.text() == null ? "" : transcript.text().strip();
    if (text.isEmpty()) {
      socket.trySend(VoiceTurn.transcriptFinal("", null));
      return;
    }
    try {
      startTurn(text, clock, text);
    } catch (ApiException e) {
      socket.trySend(VoiceTurn.transcriptFinal(text, null));
      socket.trySend(ConversationViews.error(e.code(), e.getMessage(), null, null));
    } catch (RuntimeException e) {
      log.error("Could not start the spoken turn of session {}", socket.sessionId, e);
      socket.trySend(VoiceTurn.transcriptFinal(text, null));
      socket.trySend(
          ConversationViews.error("storage_failed", "The turn could not be started", null, null));
    }
  }

  private void startTurn(String text, TurnClock clock, String transcript) {
    var turn = new VoiceTurn(this, socket, clock, transcript);
    turn.handle(
        services
            .conversations()
            .send(socket.learner, socket.sessionId, text, transcript != null, turn));
  }

  /** A turn started: it becomes the one to interrupt; returns its speaker, if it is spoken. */
  SpokenReply started(VoiceTurn turn, int number, TurnClock clock) {
    current = turn;
    var spoken = voice;
    if (spoken == null) {
      return null;
    }
    var tts = services.tts().get();
    if (tts == null || !tts.supports(spoken.language())) {
      if (!toldTtsMissing) {
        toldTtsMissing = true;
        socket.trySend(
            tts == null
                ? ConversationViews.error(
                    VoiceErrorCode.MODEL_NOT_CONFIGURED.wireName(),
                    "No speech synthesizer is configured (parley.voice.tts.provider): replies"
                        + " come as text only",
                    null,
                    null)
                : ConversationViews.error(
                    VoiceErrorCode.UNSUPPORTED_LANGUAGE.wireName(),
                    "The speech synthesizer "
                        + tts.info().provider()
                        + " cannot speak "
                        + spoken.language()
                        + ": replies come as text only",
                    null,
                    null));
      }
      return null;
    }
    return new SpokenReply(
        number,
        socket,
        new SpokenReply.Voice(
            tts, spoken.hint(), spoken.gender(), spoken.language(), spoken.rate()),
        clock,
        services.properties().sentenceQueue(),
        services.properties().replyFrame(),
        error ->
            socket.trySend(
                ConversationViews.error(error.code().wireName(), error.getMessage(), null, null)));
  }

  ConversationService conversations() {
    return services.conversations();
  }

  Duration playbackGrace() {
    return services.properties().playbackGrace();
  }

  void storageFailed(RuntimeException e) {
    log.error("Could not store what the learner heard of a reply", e);
    socket.trySend(
        ConversationViews.error("storage_failed", "The turn could not be stored", null, null));
  }

  VoiceTimings timings(TurnClock clock, boolean spokenInput, boolean spokenReply) {
    var stt = spokenInput ? services.stt().get() : null;
    var tts = spokenReply ? services.tts().get() : null;
    return new VoiceTimings(
        clock.millis(Stage.STT_FINAL),
        clock.millis(Stage.LLM_FIRST_TOKEN),
        clock.millis(Stage.FIRST_SENTENCE),
        clock.millis(Stage.TTS_FIRST_BYTE),
        clock.millis(Stage.FIRST_AUDIO_SENT),
        stt == null ? null : stt.info().provider(),
        stt == null ? null : stt.info().model(),
        tts == null ? null : tts.info().provider(),
        tts == null ? null : tts.info().model());
  }

  /** Measures the turn's latencies, and stores them unless they went into its insert. */
  void recordTimings(Turn turn, VoiceTimings timings) {
    services.metrics().record(timings);
    if (turn.voice().equals(timings)) {
      return;
    }
    try {
      services.conversations().recordVoice(turn, timings);
    } catch (RuntimeException e) {
      log.warn("Could not store the voice timings of turn {}: {}", turn.number(), e.toString());
    }
  }

  private static int checkedRate(JsonNode format) {
    if (format == null || !format.isObject()) {
      throw unsupported("audio.start needs a \"format\" object");
    }
    var encoding = format.get("encoding");
    var rate = format.get("sampleRate");
    var channels = format.get("channels");
    if (encoding == null || !"pcm16".equals(encoding.asString(""))) {
      throw unsupported("The only encoding is \"pcm16\" (signed 16-bit little-endian)");
    }
    if (channels != null && !(channels.isIntegralNumber() && channels.asInt() == 1)) {
      throw unsupported("Audio must be mono (\"channels\":1)");
    }
    if (rate == null
        || !rate.isIntegralNumber()
        || !AudioFormat.ACCEPTED_RATES.contains(rate.asInt())) {
      throw unsupported("\"sampleRate\" must be 16000, 24000 or 48000");
    }
    return rate.asInt();
  }

  private static boolean clientEndpointing(JsonNode endpointing) {
    if (endpointing == null || endpointing.isNull()) {
      return false;
    }
    return switch (endpointing.asString("")) {
      case "server" -> false;
      case "client" -> true;
      default -> throw unsupported("\"endpointing\" must be \"server\" or \"client\"");
    };
  }

  private static ApiException unsupported(String detail) {
    return ApiException.badRequest("audio_format_unsupported", detail);
  }

  /** One stretch of the learner's speech on its way through the recogniser. */
  private final class Utterance implements TranscriptListener {

    private Transcription transcription;
    private volatile long endNanos;
    private String lastPartial = "";
    private long lastPartialNanos;
    private String lastSpeculated = "";

    void open() {
      var stt = services.stt().get();
      if (stt == null || !stt.supports(voice.language())) {
        return;
      }
      try {
        transcription = stt.open(new TranscriptionOptions(voice.language(), true), this);
      } catch (VoiceException e) {
        onError(e);
      } catch (RuntimeException e) {
        log.warn("Opening a transcription for session {} failed", socket.sessionId, e);
        onError(new VoiceException(VoiceErrorCode.PROVIDER_ERROR, "Speech recognition failed", e));
      }
    }

    void accept(short[] samples) {
      if (transcription == null) {
        return;
      }
      try {
        transcription.accept(samples);
      } catch (RuntimeException e) {
        log.warn("Transcription of session {} failed", socket.sessionId, e);
        transcription = null;
        onError(new VoiceException(VoiceErrorCode.PROVIDER_ERROR, "Speech recognition failed", e));
      }
    }

    void finish() {
      endNanos = System.nanoTime();
      if (transcription != null) {
        transcription.finish();
      }
    }

    void cancel() {
      if (transcription != null) {
        transcription.cancel();
      }
    }

    @Override
    public synchronized void onPartial(String text) {
      long now = System.nanoTime();
      var partial = text == null ? "" : text.strip();
      if (endNanos != 0 || partial.isEmpty()) {
        return;
      }
      if (services.properties().prefillOnPartials() && !partial.equals(lastSpeculated)) {
        lastSpeculated = partial;
        services.conversations().speculate(socket.learner, socket.sessionId, partial);
      }
      if (partial.equals(lastPartial)
          || now - lastPartialNanos < services.properties().partialInterval().toNanos()) {
        return;
      }
      lastPartial = partial;
      lastPartialNanos = now;
      socket.trySend(ConversationViews.event("transcript.partial", Map.of("text", partial)));
    }

    @Override
    public void onFinal(Transcript transcript) {
      if (endNanos == 0) {
        endNanos = System.nanoTime();
      }
      transcribed(this, transcript);
    }

    @Override
    public void onError(VoiceException error) {
      if (error.code() != VoiceErrorCode.CANCELLED) {
        socket.trySend(
            ConversationViews.error(error.code().wireName(), error.getMessage(), null, null));
      }
    }
  }
}
