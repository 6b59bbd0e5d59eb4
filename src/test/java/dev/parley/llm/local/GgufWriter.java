package dev.parley.llm.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * Writes GGUF v3 files for the random-weight test models ({@link TinyGguf}, {@link SizedGguf}).
 * Tensor data is produced row by row while writing, so a model of a gigabyte never sits in memory.
 */
final class GgufWriter {

  static final int ALIGNMENT = 32;
  private static final int ROWS_BUFFER_BYTES = 1 << 20;

  private GgufWriter() {}

  /**
   * ggml tensor types: id, values per block, bytes per block (ggml-common.h). {@code Q4_0}: an f16
   * scale then 16 bytes of 4-bit values; {@code Q6_K}: 128 bytes of low 4 bits, 64 of high 2 bits,
   * 16 int8 sub-block scales, an f16 super-block scale.
   */
  enum Type {
    F32(0, 1, 4),
    Q4_0(2, 32, 18),
    Q6_K(14, 256, 210);

    final int id;
    final int blockValues;
    final int blockBytes;

    Type(int id, int blockValues, int blockBytes) {
      this.id = id;
      this.blockValues = blockValues;
      this.blockBytes = blockBytes;
    }

    int rowBytes(long rowLength) {
      if (rowLength % blockValues != 0) {
        throw new IllegalArgumentException(
            "%s rows hold whole blocks of %d, not %d values".formatted(this, blockValues, rowLength));
      }
      return Math.toIntExact(rowLength / blockValues * blockBytes);
    }
  }

  /** Fills one row (the fastest-varying dimension) of a tensor, in little-endian order. */
  interface Rows {
    void fill(long row, ByteBuffer out);
  }

  /**
   * A tensor: GGUF dims with the row length first.
   *
   * @param rows called once per row, in order
   */
  record Tensor(String name, long[] dims, Type type, Rows rows) {
    long rowCount() {
      long count = 1;
      for (int i = 1; i < dims.length; i++) {
        count *= dims[i];
      }
      return count;
    }

    long bytes() {
      return (long) type.rowBytes(dims[0]) * rowCount();
    }
  }

  /** An F32 tensor from an array (row-major, row length {@code dims[0]}). */
  static Tensor f32(String name, long[] dims, float[] values) {
    int rowLength = Math.toIntExact(dims[0]);
    return new Tensor(
        name,
        dims,
        Type.F32,
        (row, out) -> {
          for (int i = 0; i < rowLength; i++) {
            out.putFloat(values[Math.toIntExact(row * rowLength + i)]);
          }
        });
  }

  static void write(Path file, Map<String, Value> metadata, List<Tensor> tensors) {
    try (var channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      channel.write(header(metadata, tensors));
      for (var tensor : tensors) {
        writeData(channel, tensor);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ByteBuffer header(Map<String, Value> metadata, List<Tensor> tensors) {
    var out = new Out();
    out.bytes("GGUF".getBytes(StandardCharsets.US_ASCII));
    out.u32(3);
    out.u64(tensors.size());
    out.u64(metadata.size());
    metadata.forEach((key, value) -> value.writeTo(out.string(key)));
    long offset = 0;
    for (var tensor : tensors) {
      out.string(tensor.name());
      out.u32(tensor.dims().length);
      for (long dim : tensor.dims()) {
        out.u64(dim);
      }
      out.u32(tensor.type().id);
      out.u64(offset);
      offset += aligned(tensor.bytes());
    }
    out.padTo(ALIGNMENT);
    return out.buffer();
  }

  /** The tensor's rows, then zeros up to the alignment so the next tensor starts aligned. */
  private static void writeData(FileChannel channel, Tensor tensor) throws IOException {
    int rowBytes = tensor.type().rowBytes(tensor.dims()[0]);
    int rowsPerWrite = Math.max(1, ROWS_BUFFER_BYTES / rowBytes);
    var buffer = ByteBuffer.allocate(rowsPerWrite * rowBytes).order(ByteOrder.LITTLE_ENDIAN);
    long rows = tensor.rowCount();
    for (long row = 0; row < rows; row++) {
      int start = buffer.position();
      tensor.rows().fill(row, buffer.slice(start, rowBytes).order(ByteOrder.LITTLE_ENDIAN));
      buffer.position(start + rowBytes);
      if (!buffer.hasRemaining() || row == rows - 1) {
        buffer.flip();
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        buffer.clear();
      }
    }
    var padding = ByteBuffer.allocate((int) (aligned(tensor.bytes()) - tensor.bytes()));
    while (padding.hasRemaining()) {
      channel.write(padding);
    }
  }

  private static long aligned(long size) {
    return (size + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
  }

  /** A typed GGUF metadata value. */
  interface Value {
    void writeTo(Out out);

    static Value u32(int value) {
      return out -> out.u32(4).u32(value);
    }

    static Value f32(float value) {
      return out -> out.u32(6).f32(value);
    }

    static Value bool(boolean value) {
      return out -> out.u32(7).u8(value ? 1 : 0);
    }

    static Value string(String value) {
      return out -> out.u32(8).string(value);
    }

    static Value strings(List<String> values) {
      return out -> {
        out.u32(9).u32(8).u64(values.size());
        values.forEach(out::string);
      };
    }

    static Value f32s(float[] values) {
      return out -> {
        out.u32(9).u32(6).u64(values.length);
        for (float v : values) {
          out.f32(v);
        }
      };
    }

    static Value i32s(List<Integer> values) {
      return out -> {
        out.u32(9).u32(5).u64(values.size());
        values.forEach(out::u32);
      };
    }
  }

  /** A growable little-endian buffer. */
  static final class Out {
    private ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

    private Out ensure(int bytes) {
      if (buffer.remaining() < bytes) {
        var bigger =
            ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + bytes))
                .order(ByteOrder.LITTLE_ENDIAN);
        bigger.put(buffer.flip());
        buffer = bigger;
      }
      return this;
    }

    Out u8(int value) {
      ensure(1).buffer.put((byte) value);
      return this;
    }

    Out u32(int value) {
      ensure(4).buffer.putInt(value);
      return this;
    }

    Out u64(long value) {
      ensure(8).buffer.putLong(value);
      return this;
    }

    Out f32(float value) {
      ensure(4).buffer.putFloat(value);
      return this;
    }

    Out bytes(byte[] value) {
      ensure(value.length).buffer.put(value);
      return this;
    }

    Out string(String value) {
      var utf8 = value.getBytes(StandardCharsets.UTF_8);
      return u64(utf8.length).bytes(utf8);
    }

    void padTo(int alignment) {
      while (buffer.position() % alignment != 0) {
        u8(0);
      }
    }

    ByteBuffer buffer() {
      return buffer.flip();
    }
  }
}
