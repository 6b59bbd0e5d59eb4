package dev.parley.llm.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * de.kherud:llama extracts its native library to {@code java.io.tmpdir/libjllama.so} after deleting
 * every {@code llama*} file there, so two JVMs starting at once can delete each other's library
 * before it is loaded. Each process gets its own extraction directory instead, unless {@code
 * de.kherud.llama.tmpdir} is already set.
 */
final class NativeLibrary {

  private static final String TMPDIR_PROPERTY = "de.kherud.llama.tmpdir";

  private NativeLibrary() {}

  /** Call before the first use of {@code LlamaModel}, whose class initializer loads the library. */
  static synchronized void isolateExtraction() {
    if (System.getProperty(TMPDIR_PROPERTY) != null) {
      return;
    }
    try {
      var dir = Files.createTempDirectory("parley-llama-");
      dir.toFile().deleteOnExit();
      dir.resolve("libjllama.so").toFile().deleteOnExit();
      System.setProperty(TMPDIR_PROPERTY, dir.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a directory for the llama.cpp library", e);
    }
  }
}
