package dev.parley.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real {@code main} in a child JVM: {@code models} must never boot Spring. */
class ModelsDispatchTest {

  @TempDir Path dir;

  @Test
  void modelsListRunsWithoutStartingTheServer() throws Exception {
    Result result = runMain("models", "list", "--dir", dir.toString());

    assertThat(result.exit()).isZero();
    assertThat(result.output())
        .contains("qwen2.5-0.5b-instruct", "not installed")
        .doesNotContain(":: Spring Boot ::", "Jetty", "Started ParleyApplication");
  }

  @Test
  void aUsageErrorBecomesExitCodeTwo() throws Exception {
    Result result = runMain("models", "fetch");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.output()).contains("unknown command 'fetch'");
  }

  private record Result(int exit, String output) {}

  private static Result runMain(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    command.add("dev.parley.ParleyApplication");
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
    return new Result(process.exitValue(), output);
  }
}
