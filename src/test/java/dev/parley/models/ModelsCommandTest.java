package dev.parley.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsCommandTest {

  private static final int SIZE = 3 * 1024 * 1024 + 123;
  private static final String FILE = "tiny-model.gguf";

  @TempDir Path dir;
  private ModelFileServer server;
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private ModelDownloader.Settings settings =
      new ModelDownloader.Settings(3, Duration.ofMillis(10), Duration.ofSeconds(5));
  private ModelDownloader.FreeSpace freeSpace = ModelDownloader.FreeSpace.FILE_STORE;
  private Map<String, String> env = Map.of();

  @BeforeEach
  void startServer() throws IOException {
    server = ModelFileServer.serving(SIZE);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void pullDownloadsTheFileAndVerifiesThePinnedChecksum() throws IOException {
    int exit = run(List.of(entry(server.url("/files/" + FILE), pinned())), "pull", "tiny");

    assertThat(exit).isZero();
    assertThat(Files.readAllBytes(dir.resolve(FILE))).isEqualTo(server.content);
    assertThat(dir.resolve(FILE + ".part")).doesNotExist();
    assertThat(out()).contains("tiny installed: " + dir.resolve(FILE).toAbsolutePath());
    assertThat(err()).contains("verified (sha256 pinned in the catalog)").contains("100%");
    assertThat(server.ranges).containsExactly("none");
  }

  @Test
  void pullWithoutIdsPullsOnlyTheDefaultSet() throws IOException {
    var defaultEntry = entry(server.url("/files/" + FILE), pinned());
    var other =
        new ModelEntry(
            "other",
            ModelKind.STT,
            "other.bin",
            server.url("/files/other.bin"),
            -1,
            null,
            "MIT",
            false);

    assertThat(run(List.of(defaultEntry, other), "pull")).isZero();

    assertThat(dir.resolve(FILE)).exists();
    assertThat(dir.resolve("other.bin")).doesNotExist();
  }

  @Test
  void aVerifiedFileIsNotDownloadedAgain() throws IOException {
    var catalog = List.of(entry(server.url("/files/" + FILE), pinned()));
    run(catalog, "pull");
    int requestsAfterFirstPull = server.requests.get();

    int exit = run(catalog, "pull");

    assertThat(exit).isZero();
    assertThat(err()).contains("tiny is already installed at").contains("sha256 verified");
    assertThat(server.requests.get()).isEqualTo(requestsAfterFirstPull);
  }

  @Test
  void aCorruptInstalledFileIsReplacedByAVerifiedDownload() throws IOException {
    Files.write(dir.resolve(FILE), new byte[] {1, 2, 3});

    int exit = run(List.of(entry(server.url("/files/" + FILE), pinned())), "pull");

    assertThat(exit).isZero();
    assertThat(err()).contains("does not match the catalog; downloading it again");
    assertThat(Files.readAllBytes(dir.resolve(FILE))).isEqualTo(server.content);
  }

  @Test
  void anInterruptedDownloadKeepsThePartAndTheNextRunResumesWithARangeRequest() throws IOException {
    settings = new ModelDownloader.Settings(1, Duration.ofMillis(10), Duration.ofSeconds(5));
    var catalog = List.of(entry(server.url("/files/" + FILE), pinned()));
    server.cutResponses(1, 1024 * 1024);

    int firstExit = run(catalog, "pull");

    assertThat(firstExit).isEqualTo(1);
    assertThat(err())
        .contains("Connection lost after")
        .contains("The partial file is kept: run the command again");
    Path part = dir.resolve(FILE + ".part");
    long partSize = Files.size(part);
    assertThat(partSize).isPositive().isLessThanOrEqualTo(1024 * 1024);
    assertThat(dir.resolve(FILE)).doesNotExist();

    int secondExit = run(catalog, "pull");

    assertThat(secondExit).isZero();
    assertThat(server.ranges).containsExactly("none", "bytes=" + partSize + "-");
    assertThat(err()).contains("Resuming " + FILE);
    assertThat(Files.readAllBytes(dir.resolve(FILE))).isEqualTo(server.content);
    assertThat(part).doesNotExist();
  }

  @Test
  void aDroppedConnectionIsRetriedFromWhereItStopped() throws IOException {
    server.cutResponses(2, 700 * 1024);

    int exit = run(List.of(entry(server.url("/files/" + FILE), pinned())), "pull");

    assertThat(exit).isZero();
    assertThat(server.ranges).hasSize(3).first().isEqualTo("none");
    assertThat(server.ranges.subList(1, 3)).allMatch(range -> range.matches("bytes=[1-9]\\d*-"));
    assertThat(err())
        .contains("Attempt 1 of 3 failed: Connection lost after")
        .contains("Attempt 2 of 3 failed");
    assertThat(Files.readAllBytes(dir.resolve(FILE))).isEqualTo(server.content);
  }

  @Test
  void theRangeRequestSurvivesTheHubsRedirect() throws IOException {
    Files.write(dir.resolve(FILE + ".part"), Arrays.copyOf(server.content, 1000));

    int exit = run(List.of(entry(server.url("/redirect/" + FILE), pinned())), "pull");

    assertThat(exit).isZero();
    assertThat(server.ranges).containsExactly("bytes=1000-");
    assertThat(Files.readAllBytes(dir.resolve(FILE))).isEqualTo(server.content);
  }

  @Test
  void aServerThatIgnoresRangeMakesTheDownloadStartOver() throws IOException {
    server.ignoreRange();
    Files.write(dir.resolve(FILE + ".part"), "not the start of the real file".getBytes());

    int exit = run(List.of(entry(server.url("/files/" + FILE), pinned())), "pull");

    assertThat(exit).isZero();
    assertThat(server.ranges).containsExactly("bytes=30-");
    assertThat(err()).contains("ignored the resume request");
    assertThat(Files.readAllBytes(dir.resolve(FILE))).isEqualTo(server.content);
  }

  @Test
  void aCompletePartIsVerifiedWhenTheServerAnswers416() throws IOException {
    Files.write(dir.resolve(FILE + ".part"), server.content);

    int exit = run(List.of(entry(server.url("/files/" + FILE), pinned())), "pull");

    assertThat(exit).isZero();
    assertThat(server.ranges).containsExactly("bytes=" + SIZE + "-");
    assertThat(Files.readAllBytes(dir.resolve(FILE))).isEqualTo(server.content);
  }

  @Test
  void aChecksumMismatchDeletesTheDownloadAndFails() {
    var wrong = Checksum.sha256("0".repeat(64));

    int exit = run(List.of(entry(server.url("/files/" + FILE), wrong)), "pull");

    assertThat(exit).isEqualTo(1);
    assertThat(err())
        .contains("Checksum mismatch for " + FILE)
        .contains("expected sha256 " + "0".repeat(64) + " (pinned in the catalog)")
        .contains("got " + ModelFileServer.sha256(server.content))
        .contains("The downloaded file was deleted");
    assertThat(dir.resolve(FILE)).doesNotExist();
    assertThat(dir.resolve(FILE + ".part")).doesNotExist();
  }

  @Test
  void aServerOfferingAFileOfTheWrongSizeIsRefusedBeforeDownloading() {
    var bigger =
        new ModelEntry(
            "tiny",
            ModelKind.LLM,
            FILE,
            server.url("/files/" + FILE),
            SIZE + 1,
            pinned(),
            "MIT",
            true);

    int exit = run(List.of(bigger), "pull");

    assertThat(exit).isEqualTo(1);
    assertThat(err())
        .contains("Size mismatch: " + server.url("/files/" + FILE) + " serves " + SIZE + " bytes")
        .doesNotContain("100%");
    assertThat(dir.resolve(FILE + ".part")).doesNotExist();
  }

  @Test
  void aMissingFileFailsAtOnceWithTheUrl() {
    URI missing = server.url("/files/missing/" + FILE);

    int exit = run(List.of(entry(missing, pinned())), "pull");

    assertThat(exit).isEqualTo(1);
    assertThat(err())
        .contains("HTTP 404 Not Found for " + missing)
        .contains("--url")
        .contains("Manual download: save");
    assertThat(server.requests.get()).isEqualTo(1);
  }

  @Test
  void anUnreachableHostSaysWhatToDo() throws IOException {
    int closedPort;
    try (var socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    URI unreachable = URI.create("http://127.0.0.1:" + closedPort + "/files/" + FILE);

    int exit = run(List.of(entry(unreachable, pinned())), "pull");

    assertThat(exit).isEqualTo(1);
    assertThat(err())
        .contains("Attempt 1 of 3 failed: Cannot reach 127.0.0.1 (" + unreachable + "): ")
        .contains("Failed to pull tiny: Cannot reach 127.0.0.1 (" + unreachable + "): ")
        .contains("--mirror URL or PARLEY_MODELS_MIRROR=URL")
        .contains("--url")
        .contains("save " + unreachable + " as " + dir.resolve(FILE).toAbsolutePath());
  }

  @Test
  void withoutAPinnedChecksumTheHubsLinkedEtagIsVerified() throws IOException {
    int exit = run(List.of(entry(server.url("/redirect/" + FILE), null)), "pull");

    assertThat(exit).isZero();
    assertThat(err()).contains("verified (sha256 reported by 127.0.0.1)");
    assertThat(Files.readAllBytes(dir.resolve(FILE))).isEqualTo(server.content);
  }

  @Test
  void aWrongLinkedEtagIsAMismatchToo() {
    server.linkedEtag("f".repeat(64));

    int exit = run(List.of(entry(server.url("/redirect/" + FILE), null)), "pull");

    assertThat(exit).isEqualTo(1);
    assertThat(err()).contains("Checksum mismatch").contains("(reported by the server)");
    assertThat(dir.resolve(FILE)).doesNotExist();
  }

  @Test
  void aMirrorReplacesTheHubHostAndKeepsThePath() throws IOException {
    URI hub = URI.create("https://huggingface.co/org/repo/resolve/main/" + FILE);
    env = Map.of("PARLEY_MODELS_MIRROR", server.base() + "/hf/");

    int exit = run(List.of(entry(hub, pinned())), "pull");

    assertThat(exit).isZero();
    assertThat(err()).contains("from " + server.base() + "/hf/org/repo/resolve/main/" + FILE);
    assertThat(dir.resolve(FILE)).exists();
  }

  @Test
  void urlOverridesTheCatalogUrlForOneModel() throws IOException {
    URI hub = URI.create("https://huggingface.co/org/repo/resolve/main/" + FILE);

    int exit = run(List.of(entry(hub, pinned())), "pull", "tiny", "--url", server.base() + "/x");

    assertThat(exit).isZero();
    assertThat(Files.readAllBytes(dir.resolve(FILE))).isEqualTo(server.content);
  }

  @Test
  void notEnoughFreeSpaceFailsBeforeWritingAnything() {
    freeSpace = directory -> 1024;

    int exit = run(List.of(entry(server.url("/files/" + FILE), pinned())), "pull");

    assertThat(exit).isEqualTo(1);
    assertThat(err()).contains("Disk full: 3.0 MiB needed but only 1.0 KiB free in");
    assertThat(dir.resolve(FILE + ".part")).doesNotExist();
  }

  @Test
  void listShowsEveryEntryWithStatusSizeAndPath() throws IOException {
    var installed = entry(server.url("/files/" + FILE), pinned());
    var partial =
        new ModelEntry(
            "half",
            ModelKind.STT,
            "half.bin",
            server.url("/files/half.bin"),
            1000,
            null,
            "MIT",
            false);
    var absent =
        new ModelEntry(
            "absent", ModelKind.STT, "absent.bin", server.url("/a"), 2048, null, "MIT", false);
    Files.write(dir.resolve(FILE), new byte[10]);
    Files.write(dir.resolve("half.bin.part"), new byte[500]);

    int exit = run(List.of(installed, partial, absent), "list");

    assertThat(exit).isZero();
    List<String> lines = out().lines().toList();
    assertThat(lines.getFirst()).startsWith("ID").contains("KIND", "SIZE", "STATUS", "PATH");
    assertThat(lines.get(1))
        .startsWith("tiny ")
        .contains(
            " llm ", "3.0 MiB", " yes ", "Apache-2.0", "installed", dir.resolve(FILE).toString());
    assertThat(lines.get(2)).startsWith("half ").contains("partial 50%");
    assertThat(lines.get(3)).startsWith("absent ").contains("2.0 KiB", "not installed");
  }

  @Test
  void listOfTheRealCatalogNamesTheDefaultLlm() {
    int exit = command(ModelCatalog.entries()).execute("list", "--dir", dir.toString());

    assertThat(exit).isZero();
    assertThat(out())
        .contains("qwen2.5-0.5b-instruct", "468.6 MiB", "qwen2.5-0.5b-instruct-q4_k_m.gguf")
        .contains("whisper-base.en", "whisper-tiny.en");
  }

  @Test
  void pathPrintsTheAbsoluteFilePath() {
    int exit = run(List.of(entry(server.url("/files/" + FILE), pinned())), "path", "tiny");

    assertThat(exit).isZero();
    assertThat(out().strip()).isEqualTo(dir.resolve(FILE).toAbsolutePath().toString());
  }

  @Test
  void helpGoesToStdoutWithExitZero() {
    assertThat(command(ModelCatalog.entries()).execute("--help")).isZero();
    assertThat(out()).contains("Usage: parley models", "pull [ID ...]", "--mirror URL");
  }

  @Test
  void usageErrorsExitTwoWithAReason() {
    var catalog = List.of(entry(server.url("/files/" + FILE), pinned()));
    assertUsageError(catalog, "missing command", new String[0]);
    assertUsageError(catalog, "unknown command 'fetch'", "fetch");
    assertUsageError(catalog, "unknown option '--force'", "pull", "--force");
    assertUsageError(catalog, "--dir needs a value", "list", "--dir");
    assertUsageError(catalog, "--mirror needs an http(s) URL", "pull", "--mirror", "ftp://x");
    assertUsageError(catalog, "path takes exactly one model id", "path");
    var other =
        new ModelEntry("other", ModelKind.STT, "o.bin", server.url("/o"), -1, null, "MIT", true);
    assertUsageError(
        List.of(catalog.getFirst(), other),
        "--url needs exactly one model id",
        "pull",
        "--url",
        "http://h/f");
    assertUsageError(catalog, "unknown model id 'llama'. Known ids: tiny", "pull", "llama");
    assertThat(server.requests.get()).isZero();
  }

  private void assertUsageError(List<ModelEntry> catalog, String message, String... args) {
    stderr.reset();
    assertThat(run(catalog, args)).as(Arrays.toString(args)).isEqualTo(2);
    assertThat(err()).contains(message);
  }

  private int run(List<ModelEntry> catalog, String... args) {
    stdout.reset();
    stderr.reset();
    String[] withDir = Arrays.copyOf(args, args.length + 2);
    withDir[args.length] = "--dir";
    withDir[args.length + 1] = dir.toString();
    return command(catalog).execute(withDir);
  }

  private ModelsCommand command(List<ModelEntry> catalog) {
    var err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
    var downloader = new ModelDownloader(settings, freeSpace, err, false, System::nanoTime);
    return new ModelsCommand(
        catalog, env, new PrintStream(stdout, true, StandardCharsets.UTF_8), err, downloader);
  }

  private ModelEntry entry(URI url, Checksum checksum) {
    return new ModelEntry("tiny", ModelKind.LLM, FILE, url, SIZE, checksum, "Apache-2.0", true);
  }

  private Checksum pinned() {
    return Checksum.sha256(ModelFileServer.sha256(server.content));
  }

  private String out() {
    return stdout.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return stderr.toString(StandardCharsets.UTF_8);
  }
}
