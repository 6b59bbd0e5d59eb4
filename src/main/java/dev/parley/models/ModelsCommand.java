package dev.parley.models;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code parley models ...}: lists, downloads and locates the local models. Runs without Spring;
 * {@link #run} returns the process exit code so callers decide whether to exit.
 */
public final class ModelsCommand {

  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;
  static final String MIRROR_ENV = "PARLEY_MODELS_MIRROR";
  private static final String HUB_HOST = "huggingface.co";

  static final String USAGE_TEXT =
      """
      Usage: parley models <command> [options]

      Commands:
        list              Show every model in the catalog: installed or not, size, path
        pull [ID ...]     Download models (default: the default set) with resume and checksum check
        path ID           Print where a model's file is (or will be) stored

      Options:
        --dir DIR         Models directory (default: $PARLEY_MODELS_DIR, else ./models)
        --mirror URL      Base URL that replaces https://huggingface.co in catalog URLs
                          (default: $PARLEY_MODELS_MIRROR)
        --url URL         Download from this exact URL (pull of a single model only)
        -h, --help        Show this help

      Exit codes: 0 success, 1 failure, 2 usage error.
      """;

  private final List<ModelEntry> catalog;
  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;
  private final ModelDownloader downloader;

  ModelsCommand(
      List<ModelEntry> catalog,
      Map<String, String> env,
      PrintStream out,
      PrintStream err,
      ModelDownloader downloader) {
    this.catalog = catalog;
    this.env = env;
    this.out = out;
    this.err = err;
    this.downloader = downloader;
  }

  /** Runs {@code parley models <args>} against the real catalog, environment and console. */
  public static int run(String... args) {
    Console console = System.console();
    boolean terminal = console != null && console.isTerminal();
    var downloader =
        new ModelDownloader(
            ModelDownloader.Settings.DEFAULT,
            ModelDownloader.FreeSpace.FILE_STORE,
            System.err,
            terminal,
            System::nanoTime);
    return new ModelsCommand(
            ModelCatalog.entries(), System.getenv(), System.out, System.err, downloader)
        .execute(args);
  }

  int execute(String... args) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (UsageException e) {
      err.println("parley models: " + e.getMessage());
      err.println("Run 'parley models --help' for usage.");
      return USAGE;
    }
    if (options.help()) {
      out.print(USAGE_TEXT);
      return OK;
    }
    Path directory =
        options.dir() != null
            ? Path.of(options.dir())
            : ModelsDirectory.resolve(System.getProperties(), env);
    try {
      return switch (options.command()) {
        case "list" -> list(options, directory);
        case "pull" -> pull(options, directory);
        case "path" -> path(options, directory);
        default -> throw new UsageException("unknown command '" + options.command() + "'");
      };
    } catch (UsageException e) {
      err.println("parley models: " + e.getMessage());
      return USAGE;
    }
  }

  private int list(Options options, Path directory) throws UsageException {
    if (!options.ids().isEmpty()) {
      throw new UsageException("list takes no model ids");
    }
    String format = "%-24s %-4s %-10s %-7s %-12s %-15s %s%n";
    out.printf(format, "ID", "KIND", "SIZE", "DEFAULT", "LICENCE", "STATUS", "PATH");
    for (ModelEntry entry : catalog) {
      Path file = entry.pathIn(directory).toAbsolutePath().normalize();
      out.printf(
          format,
          entry.id(),
          entry.kind().label(),
          Sizes.format(entry.sizeBytes()),
          entry.defaultModel() ? "yes" : "no",
          entry.licence(),
          status(entry, file),
          file);
    }
    return OK;
  }

  private static String status(ModelEntry entry, Path file) {
    if (Files.isRegularFile(file)) {
      return "installed";
    }
    Path part = file.resolveSibling(entry.fileName() + ".part");
    if (Files.isRegularFile(part) && entry.sizeBytes() > 0) {
      try {
        return "partial " + Files.size(part) * 100 / entry.sizeBytes() + "%";
      } catch (IOException e) {
        return "partial";
      }
    }
    return "not installed";
  }

  private int path(Options options, Path directory) throws UsageException {
    if (options.ids().size() != 1) {
      throw new UsageException("path takes exactly one model id");
    }
    ModelEntry entry = find(options.ids().getFirst());
    out.println(entry.pathIn(directory).toAbsolutePath().normalize());
    return OK;
  }

  private int pull(Options options, Path directory) throws UsageException {
    List<ModelEntry> entries = new ArrayList<>();
    for (String id : options.ids()) {
      entries.add(find(id));
    }
    if (entries.isEmpty()) {
      entries.addAll(catalog.stream().filter(ModelEntry::defaultModel).toList());
    }
    if (options.url() != null && entries.size() != 1) {
      throw new UsageException("--url needs exactly one model id");
    }
    String mirror = options.mirror() != null ? options.mirror() : env.get(MIRROR_ENV);
    int failures = 0;
    for (ModelEntry entry : entries) {
      URI source =
          options.url() != null ? URI.create(options.url()) : mirrored(entry.url(), mirror);
      Path file = entry.pathIn(directory).toAbsolutePath().normalize();
      err.printf(
          "Pulling %s (%s, %s, %s) from %s%n",
          entry.id(),
          entry.kind().label(),
          Sizes.format(entry.sizeBytes()),
          entry.licence(),
          source);
      try {
        downloader.pull(entry, source, directory);
        out.printf("%s installed: %s%n", entry.id(), file);
      } catch (DownloadException e) {
        failures++;
        err.printf("Failed to pull %s: %s%n", entry.id(), e.fullMessage());
        err.printf("  Manual download: save %s as %s%n", entry.url(), file);
      }
    }
    return failures == 0 ? OK : FAILURE;
  }

  private static URI mirrored(URI url, String mirror) throws UsageException {
    if (mirror == null || mirror.isBlank() || !HUB_HOST.equals(url.getHost())) {
      return url;
    }
    String base = mirror.endsWith("/") ? mirror.substring(0, mirror.length() - 1) : mirror;
    try {
      return URI.create(base + url.getRawPath());
    } catch (IllegalArgumentException e) {
      throw new UsageException("invalid mirror URL '" + mirror + "'");
    }
  }

  private ModelEntry find(String id) throws UsageException {
    Optional<ModelEntry> entry = catalog.stream().filter(e -> e.id().equals(id)).findFirst();
    return entry.orElseThrow(
        () ->
            new UsageException(
                "unknown model id '"
                    + id
                    + "'. Known ids: "
                    + String.join(", ", catalog.stream().map(ModelEntry::id).toList())));
  }

  /** A mistake in the command line; exit code 2. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  record Options(
      String command, List<String> ids, String dir, String mirror, String url, boolean help) {

    static Options parse(String... args) throws UsageException {
      List<String> positional = new ArrayList<>();
      String dir = null;
      String mirror = null;
      String url = null;
      boolean help = false;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        switch (name) {
          case "-h", "--help", "help" -> help = true;
          case "--dir", "--mirror", "--url" -> {
            String value;
            if (arg.contains("=")) {
              value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
              value = args[++i];
            } else {
              throw new UsageException(name + " needs a value");
            }
            if (value.isBlank()) {
              throw new UsageException(name + " needs a value");
            }
            switch (name) {
              case "--dir" -> dir = value;
              case "--mirror" -> mirror = requireHttpUrl(name, value);
              default -> url = requireHttpUrl(name, value);
            }
          }
          default -> {
            if (arg.startsWith("-")) {
              throw new UsageException("unknown option '" + arg + "'");
            }
            positional.add(arg);
          }
        }
      }
      if (help) {
        return new Options("help", List.of(), dir, mirror, url, true);
      }
      if (positional.isEmpty()) {
        throw new UsageException("missing command: list, pull or path");
      }
      return new Options(
          positional.getFirst(),
          List.copyOf(positional.subList(1, positional.size())),
          dir,
          mirror,
          url,
          false);
    }

    private static String requireHttpUrl(String option, String value) throws UsageException {
      try {
        URI uri = URI.create(value);
        if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
            && uri.getHost() != null) {
          return value;
        }
      } catch (IllegalArgumentException e) {
        // reported below
      }
      throw new UsageException(option + " needs an http(s) URL, got '" + value + "'");
    }
  }
}
