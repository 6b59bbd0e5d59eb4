package dev.parley.voice.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes mono PCM16 RIFF/WAVE files, the format of recordings and test fixtures. */
public final class Wav {

  /** A decoded file: its format and samples. */
  public record Clip(AudioFormat format, short[] samples) {

    public double durationMillis() {
      return format.millisOf(samples.length);
    }
  }

  private Wav() {}

  public static Clip read(Path file) throws IOException {
    return decode(Files.readAllBytes(file));
  }

  /** Decodes a WAV file; stereo is mixed down to mono. Anything but 16-bit PCM is refused. */
  public static Clip decode(byte[] data) {
    var buffer = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    if (data.length < 12 || buffer.getInt(0) != 0x46464952 || buffer.getInt(8) != 0x45564157) {
      throw new IllegalArgumentException("Not a RIFF/WAVE file");
    }
    int position = 12;
    int channels = 0;
    int rate = 0;
    while (position + 8 <= data.length) {
      int id = buffer.getInt(position);
      int size = buffer.getInt(position + 4);
      int body = position + 8;
      if (id == 0x20746d66) { // "fmt "
        int encoding = buffer.getShort(body) & 0xffff;
        channels = buffer.getShort(body + 2);
        rate = buffer.getInt(body + 4);
        int bits = buffer.getShort(body + 14);
        if (encoding != 1 || bits != 16) {
          throw new IllegalArgumentException(
              "Only 16-bit PCM WAV is supported (format " + encoding + ", " + bits + " bits)");
        }
      } else if (id == 0x61746164) { // "data"
        if (channels == 0) {
          throw new IllegalArgumentException("WAV data chunk before its fmt chunk");
        }
        int length = Math.min(size, data.length - body) & ~1;
        var interleaved = Pcm16.toShorts(data, body, length);
        return new Clip(new AudioFormat(rate), mixDown(interleaved, channels));
      }
      position = body + size + (size & 1);
    }
    throw new IllegalArgumentException("WAV file has no data chunk");
  }

  public static void write(Path file, Clip clip) throws IOException {
    Files.write(file, encode(clip));
  }

  public static byte[] encode(Clip clip) {
    int dataBytes = clip.samples().length * 2;
    int rate = clip.format().sampleRate();
    var buffer = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putInt(0x46464952).putInt(36 + dataBytes).putInt(0x45564157);
    buffer.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1);
    buffer.putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16);
    buffer.putInt(0x61746164).putInt(dataBytes);
    buffer.asShortBuffer().put(clip.samples());
    return buffer.array();
  }

  private static short[] mixDown(short[] interleaved, int channels) {
    if (channels == 1) {
      return interleaved;
    }
    var mono = new short[interleaved.length / channels];
    for (int i = 0; i < mono.length; i++) {
      int sum = 0;
      for (int c = 0; c < channels; c++) {
        sum += interleaved[i * channels + c];
      }
      mono[i] = (short) (sum / channels);
    }
    return mono;
  }
}
