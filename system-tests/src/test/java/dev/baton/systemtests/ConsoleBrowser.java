package dev.baton.systemtests;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium, driven by Debian's chromedriver, with a fresh profile each time. */
public final class ConsoleBrowser implements AutoCloseable {

  public static final Duration PATIENCE = Duration.ofSeconds(30);

  private final WebDriver driver;
  private final Path profile;

  public ConsoleBrowser() throws IOException {
    profile = Files.createTempDirectory("baton-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(new File("/usr/bin/chromium"));
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1440,1000",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
  }

  public WebDriver driver() {
    return driver;
  }

  public void open(String url) {
    driver.get(url);
  }

  /** Fills Keycloak's login form and submits it. */
  public void logIn(String user, String password) {
    until(d -> !d.findElements(By.id("username")).isEmpty());
    driver.findElement(By.id("username")).sendKeys(user);
    driver.findElement(By.id("password")).sendKeys(password);
    driver.findElement(By.id("kc-login")).click();
  }

  /**
   * Waits until the condition holds. An element an ajax update took out of the page between
   * finding it and asking about it counts as "not yet": Chromium reports it as stale, or as
   * "Node with given id does not belong to the document", and the next look finds its
   * replacement.
   */
  public void until(java.util.function.Function<WebDriver, Boolean> condition) {
    new WebDriverWait(driver, PATIENCE)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(d -> {
          try {
            return condition.apply(d);
          } catch (org.openqa.selenium.WebDriverException e) {
            String message = e.getMessage();
            if (message != null && message.contains("does not belong to the document")) {
              return false;
            }
            throw e;
          }
        });
  }

  @Override
  public void close() throws IOException {
    driver.quit();
    try (var paths = Files.walk(profile)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
