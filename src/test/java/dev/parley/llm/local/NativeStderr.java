package dev.parley.llm.local;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * Redirects the process's file descriptor 2 to a file while open. llama.cpp reports what it
 * evaluated (e.g. {@code prompt eval time = ... / 65 tokens}) only in its log on native stderr,
 * which de.kherud:llama does not hand to Java; tests read it from here.
 */
final class NativeStderr implements AutoCloseable {

  private static final Linker LINKER = Linker.nativeLinker();
  private static final MethodHandle CREAT =
      libc("creat", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
  private static final MethodHandle DUP = libc("dup", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
  private static final MethodHandle DUP2 =
      libc("dup2", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
  private static final MethodHandle CLOSE =
      libc("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

  private final int saved;

  private NativeStderr(int saved) {
    this.saved = saved;
  }

  static NativeStderr redirectTo(Path file) throws Throwable {
    try (var arena = Arena.ofConfined()) {
      int fd = (int) CREAT.invokeExact(arena.allocateFrom(file.toString()), 0644);
      int saved = (int) DUP.invokeExact(2);
      int result = (int) DUP2.invokeExact(fd, 2);
      int closed = (int) CLOSE.invokeExact(fd);
      if (fd < 0 || saved < 0 || result < 0 || closed < 0) {
        throw new IllegalStateException("Could not redirect native stderr to " + file);
      }
      return new NativeStderr(saved);
    }
  }

  @Override
  public void close() throws Exception {
    try {
      int result = (int) DUP2.invokeExact(saved, 2);
      int closed = (int) CLOSE.invokeExact(saved);
      if (result < 0 || closed < 0) {
        throw new IllegalStateException("Could not restore native stderr");
      }
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private static MethodHandle libc(String name, FunctionDescriptor descriptor) {
    return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor);
  }
}
