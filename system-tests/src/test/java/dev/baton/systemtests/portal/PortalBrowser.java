package dev.baton.systemtests.portal;

import dev.baton.systemtests.ConsoleBrowser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * One person in headless Chromium, signed in through Keycloak, using the portal's pages by the
 * ids of their inputs and buttons; and HTTP calls made with that person's session cookie.
 */
final class PortalBrowser implements AutoCloseable {

  static final String SITE = "http://localhost:8080";
  static final String PORTAL = SITE + "/portal/";
  private static final Path SHOTS = Path.of("target", "screenshots");

  private final ConsoleBrowser browser;
  private final String user;

  private PortalBrowser(ConsoleBrowser browser, String user) {
    this.browser = browser;
    this.user = user;
  }

  /** A fresh browser for {@code user}, not signed in yet. */
  static PortalBrowser of(String user) throws IOException {
    return new PortalBrowser(new ConsoleBrowser(), user);
  }

  /** Opens {@code page} (the portal or the console), signs the user in there and waits for the page. */
  void signIn(String page) {
    browser.open(page);
    browser.logIn(user, user);
    until(d -> d.getCurrentUrl().startsWith(page) && pageShown());
  }

  WebDriver driver() {
    return browser.driver();
  }

  String user() {
    return user;
  }

  /** Opens a page of the portal, e.g. {@code terminals.xhtml}. */
  void open(String page) {
    browser.open(PORTAL + page);
    until(d -> pageShown());
  }

  /** Whether a page of the site is shown: a console or portal page, or a page saying why not. */
  private boolean pageShown() {
    return present("top") || present("reason");
  }

  void until(Function<WebDriver, Boolean> condition) {
    browser.until(condition);
  }

  void type(String id, String text) {
    WebElement input = driver().findElement(By.id(id));
    input.clear();
    input.sendKeys(text);
  }

  /** Clicks the element with this id once it can be clicked (an ajax update may replace it first). */
  void click(String id) {
    until(d -> {
      try {
        d.findElement(By.id(id)).click();
        return true;
      } catch (StaleElementReferenceException | NoSuchElementException | org.openqa.selenium.ElementClickInterceptedException notYet) {
        return false;
      }
    });
  }

  /** Answers yes in the confirmation dialog of a risky action. */
  void confirm() {
    // After an ajax update the page may hold an earlier, hidden copy of the dialog too: the
    // visible one is the one a person would click.
    until(d -> {
      try {
        for (WebElement yes : d.findElements(By.id("confirm-yes"))) {
          if (yes.isDisplayed()) {
            yes.click();
            return true;
          }
        }
        return false;
      } catch (StaleElementReferenceException | org.openqa.selenium.ElementClickInterceptedException notYet) {
        return false;
      }
    });
    // The next click must not land on the dialog's mask while it goes away.
    until(d -> d.findElements(By.cssSelector(".ui-confirm-dialog, .ui-dialog-mask")).stream().noneMatch(PortalBrowser::shown));
  }

  private static boolean shown(WebElement element) {
    try {
      return element.isDisplayed();
    } catch (StaleElementReferenceException gone) {
      return false;
    }
  }

  /** Picks the option whose label starts with {@code label} in a PrimeFaces drop-down, as a click would. */
  void choose(String id, String label) {
    Object chosen = ((JavascriptExecutor) driver()).executeScript(
        "var select = document.getElementById(arguments[0] + '_input');"
            + "for (var i = 0; i < select.options.length; i++) {"
            + "  if (select.options[i].text.trim().indexOf(arguments[1]) === 0) {"
            // selectValue alone is silent: as a person's pick does, a different choice fires the change
            // (and the menu's ajax behaviour, if it has one).
            + "    if (select.value !== select.options[i].value) {"
            + "      var menu = PF('widget_' + arguments[0].replace(/:/g, '_'));"
            + "      menu.selectValue(select.options[i].value); menu.triggerChange(); }"
            + "    return true; } }"
            + "return false;", id, label);
    if (!Boolean.TRUE.equals(chosen)) {
      throw new AssertionError("no option '" + label + "' in " + id + " for " + user);
    }
  }

  /** Picks the {@code index}th choice (from 0) of a PrimeFaces radio group, as a click would. */
  void pick(String id, int index) {
    until(d -> {
      try {
        d.findElements(By.cssSelector("[id='" + id + "'] .ui-radiobutton-box")).get(index).click();
        return true;
      } catch (StaleElementReferenceException | IndexOutOfBoundsException notYet) {
        return false;
      }
    });
  }

  /** Chooses a file for the file input inside the element with id {@code container}. */
  void attach(String container, Path file) {
    driver().findElement(By.cssSelector("[id='" + container + "'] input[type=file]")).sendKeys(file.toAbsolutePath().toString());
  }

  /** The text of the first element {@code css} finds, or "" (also while it is being replaced). */
  String text(String css) {
    List<String> all = texts(css);
    return all.isEmpty() ? "" : all.getFirst();
  }

  List<String> texts(String css) {
    try {
      return driver().findElements(By.cssSelector(css)).stream().map(e -> e.getText().trim()).toList();
    } catch (StaleElementReferenceException refreshed) {
      return List.of();
    }
  }

  void scrollTo(String id) {
    ((JavascriptExecutor) driver()).executeScript("document.getElementById(arguments[0]).scrollIntoView();", id);
  }

  boolean present(String id) {
    return !driver().findElements(By.id(id)).isEmpty();
  }

  /** GET {@code path} of the site with this person's session, without following redirects. */
  HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
    String cookies = driver().manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
    try (HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build()) {
      return http.send(HttpRequest.newBuilder(URI.create(SITE + path)).header("Cookie", cookies).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
    }
  }

  void screenshot(String name) throws IOException {
    Files.createDirectories(SHOTS);
    Path shot = ((TakesScreenshot) driver()).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, SHOTS.resolve("portal-" + name + "-" + user + ".png"), StandardCopyOption.REPLACE_EXISTING);
    // What a screenshot cannot show: the parts of the page below the window, and hidden elements.
    Files.writeString(SHOTS.resolve("portal-" + name + "-" + user + ".html"), driver().getPageSource());
  }

  @Override
  public void close() throws IOException {
    browser.close();
  }
}
