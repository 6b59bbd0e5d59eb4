package dev.parley.voice.tts.freetts;

import com.sun.speech.freetts.audio.AudioPlayer;
import dev.parley.voice.audio.AudioFormat;

/**
 * A FreeTTS {@link AudioPlayer} that plays nothing: every buffer the synthesizer writes (512
 * samples, 32 ms, as each utterance is produced) goes straight to a {@link Sink} as 16-bit samples.
 * FreeTTS writes signed 16-bit big-endian PCM (checked on kevin16); the byte order it announces is
 * honoured, and the output is little-endian-ready {@code short}s.
 */
final class PcmForwardingPlayer implements AudioPlayer {

  /** Receives samples; returns false to make FreeTTS abandon the utterance. */
  interface Sink {
    boolean accept(short[] samples, AudioFormat format);
  }

  private final Sink sink;
  private javax.sound.sampled.AudioFormat format =
      new javax.sound.sampled.AudioFormat(16_000, 16, 1, true, true);
  private float volume = 1;
  private int carry = -1;

  PcmForwardingPlayer(Sink sink) {
    this.sink = sink;
  }

  @Override
  public boolean write(byte[] audio, int offset, int length) {
    var samples = toSamples(audio, offset, length);
    return samples.length == 0
        || sink.accept(samples, new AudioFormat((int) format.getSampleRate()));
  }

  @Override
  public boolean write(byte[] audio) {
    return write(audio, 0, audio.length);
  }

  private short[] toSamples(byte[] audio, int offset, int length) {
    // A buffer may in principle end in the middle of a sample: keep the odd byte for the next one.
    int start = offset;
    int end = offset + length;
    int available = length + (carry >= 0 ? 1 : 0);
    var samples = new short[available / 2];
    boolean bigEndian = format.isBigEndian();
    for (int i = 0; i < samples.length; i++) {
      int first;
      if (i == 0 && carry >= 0) {
        first = carry;
        carry = -1;
      } else {
        first = audio[start++] & 0xff;
      }
      int second = audio[start++] & 0xff;
      samples[i] = (short) (bigEndian ? first << 8 | second : second << 8 | first);
    }
    if (start < end) {
      carry = audio[start] & 0xff;
    }
    return samples;
  }

  @Override
  public void setAudioFormat(javax.sound.sampled.AudioFormat format) {
    if (format.getSampleSizeInBits() != 16 || format.getChannels() != 1) {
      throw new IllegalStateException("Expected mono 16-bit audio from FreeTTS, got " + format);
    }
    this.format = format;
  }

  @Override
  public javax.sound.sampled.AudioFormat getAudioFormat() {
    return format;
  }

  @Override
  public void reset() {
    carry = -1;
  }

  @Override
  public void begin(int size) {}

  @Override
  public boolean end() {
    return true;
  }

  @Override
  public boolean drain() {
    return true;
  }

  @Override
  public void pause() {}

  @Override
  public void resume() {}

  @Override
  public void cancel() {}

  @Override
  public void close() {}

  @Override
  public float getVolume() {
    return volume;
  }

  @Override
  public void setVolume(float volume) {
    this.volume = volume;
  }

  @Override
  public long getTime() {
    return 0;
  }

  @Override
  public void resetTime() {}

  @Override
  public void startFirstSampleTimer() {}

  @Override
  public void showMetrics() {}
}
