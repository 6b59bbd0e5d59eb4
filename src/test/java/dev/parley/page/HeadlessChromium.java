package dev.parley.page;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;

/**
 * Debian's Chromium driven headless through its own chromedriver (never a downloaded one), with a
 * fake microphone that plays a WAV file once when the page opens it. The browser's console is
 * printed when the browser closes, so a failing page explains itself in the test output.
 */
final class HeadlessChromium implements AutoCloseable {

  private static final Path CHROMIUM =
      Path.of(System.getProperty("parley.chromium", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER =
      Path.of(System.getProperty("parley.chromedriver", "/usr/bin/chromedriver"));

  private final ChromeDriverService service;
  private final ChromeDriver driver;

  private HeadlessChromium(ChromeDriverService service, ChromeDriver driver) {
    this.service = service;
    this.driver = driver;
  }

  /**
   * @param profile an empty directory for the browser profile
   * @param microphone the WAV file the fake microphone plays, or null for none
   */
  static HeadlessChromium start(Path profile, Path microphone) throws IOException {
    assumeThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
        .as("Browser tests need Debian's chromium and chromium-driver packages (%s, %s)",
            CHROMIUM, CHROMEDRIVER)
        .isTrue();
    var options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1000,900",
        "--user-data-dir=" + Files.createDirectories(profile).toAbsolutePath(),
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        "--autoplay-policy=no-user-gesture-required");
    if (microphone != null) {
      // %noloop: the file plays once, as a learner speaking once.
      options.addArguments(
          "--use-file-for-fake-audio-capture=" + microphone.toAbsolutePath() + "%noloop");
    }
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    var service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    var driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
    return new HeadlessChromium(service, driver);
  }

  ChromeDriver driver() {
    return driver;
  }

  /** Opens the page at {@code url}, starts a session with the character and waits for it. */
  void startConversation(String url, String characterId, String level) {
    driver.get(url);
    script("return window.parley.loaded");
    new Select(driver.findElement(By.id("character"))).selectByValue(characterId);
    new Select(driver.findElement(By.id("level"))).selectByValue(level);
    driver.findElement(By.id("start")).click();
    script("return window.parley.waitFor('session.ready')");
  }

  /** Runs a script; a returned Promise is awaited. */
  Object script(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  /** With {@code -Dparley.screenshots=DIR}, saves the page as DIR/NAME.png to look at the design. */
  void screenshotIfAsked(String name) throws IOException {
    var directory = System.getProperty("parley.screenshots");
    if (directory != null) {
      var file = Files.createDirectories(Path.of(directory)).resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }
  }

  @Override
  public void close() {
    try {
      driver.manage().logs().get(LogType.BROWSER).getAll().stream()
          .filter(entry -> entry.getLevel().intValue() >= Level.INFO.intValue())
          .forEach(entry -> System.out.println("[chromium] " + entry));
    } finally {
      driver.quit();
      service.stop();
    }
  }
}
