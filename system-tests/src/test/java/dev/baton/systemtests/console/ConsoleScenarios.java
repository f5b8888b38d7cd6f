package dev.baton.systemtests.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.systemtests.ConsoleBrowser;
import dev.baton.systemtests.Poll;
import dev.baton.systemtests.switching.TestAcquirer;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The operations console in headless Chromium, as on-duty staff use it: a move seen live by every
 * open browser, what a viewer is not offered and not allowed, the audit page, a refused session
 * form. Each test leaves the banks on the nodes it found them on. Screenshots of the pages go to
 * {@code target/screenshots}.
 */
public abstract class ConsoleScenarios {

  private static final String CONSOLE = "http://localhost:8080/console/";
  private static final String KEYCLOAK = "http://localhost:8180/realms/baton/";
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final Path SHOTS = Path.of("target", "screenshots");

  @Test
  void operatorMovesAcq1SignedOnAtAToBAndEveryOpenBrowserSeesBWithoutReloading() throws Exception {
    moveViaApi("ACQ1", "A");
    try (TestAcquirer acq1 = new TestAcquirer("ACQ1", 10001, PATIENCE);
        ConsoleBrowser operator = signedIn("operator");
        ConsoleBrowser viewer = signedIn("viewer")) {
      for (ConsoleBrowser browser : List.of(operator, viewer)) {
        browser.until(d -> text(d, ".node-of-ACQ1").equals("A") && text(d, ".session-ACQ1-1-signon").equals("SIGNED ON"));
        marker(browser.driver());
      }
      // The table is refreshed every second: a badge read during a refresh reads as empty, so the
      // first reading that is not is the one checked (reading it again could fall in a refresh).
      String[] transport = {""};
      operator.until(d -> !(transport[0] = text(d, ".session-ACQ1-1-transport")).isEmpty());
      assertEquals("CONNECTED", transport[0], "transport and sign-on are two badges");
      screenshot(operator, "banks-before-move");

      // The table is refreshed every second: a button found just before a refresh is gone by the click.
      operator.until(d -> clicked(d, By.cssSelector("button.move-ACQ1")));
      operator.until(d -> d.findElement(By.id("confirm-yes")).isDisplayed());
      assertTrue(operator.driver().getPageSource().contains("Move ACQ1 from node A to node B?"), "the dialog says what will happen");
      screenshot(operator, "banks-confirm-move");
      operator.until(d -> clicked(d, By.id("confirm-yes")));

      for (ConsoleBrowser browser : List.of(operator, viewer)) {
        browser.until(d -> text(d, ".node-of-ACQ1").equals("B"));
        assertTrue(markerKept(browser.driver()), "the page was not reloaded");
      }
      operator.until(d -> text(d, ".progress-ACQ1").startsWith("moved A → B"));
      screenshot(operator, "banks-after-move");
      assertEquals("B", nodeViaApi("ACQ1"));
      assertFalse(acq1.closedBySwitch(), "ACQ1's session stayed up through the move");
    } finally {
      moveViaApi("ACQ1", "A");
    }
  }

  @Test
  void viewerIsOfferedNoMoveAndACraftedMoveIsRefused403() throws Exception {
    String before = nodeViaApi("ACQ2");
    try (ConsoleBrowser viewer = signedIn("viewer")) {
      viewer.until(d -> !d.findElements(By.cssSelector(".node-of-ACQ2")).isEmpty());
      WebDriver page = viewer.driver();
      assertTrue(page.findElements(By.cssSelector("button[class*='move-']")).isEmpty(), "no move button");
      assertTrue(page.findElements(By.id("dashboard:moveAllB")).isEmpty(), "no move-all button");
      assertTrue(page.findElements(By.id("nav-configuration")).isEmpty(), "no configuration link");
      screenshot(viewer, "banks-as-viewer");
    }
    String elsewhere = "A".equals(before) ? "B" : "A";
    Api.Answer crafted = Api.call("POST", "/api/banks/ACQ2/move", "{\"to\":\"" + elsewhere + "\"}", "viewer");
    assertEquals(403, crafted.status(), crafted.body());
    assertEquals(before, nodeViaApi("ACQ2"), "the refused move changed nothing");
  }

  @Test
  void theAuditPageShowsTheOperatorsMove() throws Exception {
    String home = nodeViaApi("ISS2");
    String elsewhere = "A".equals(home) ? "B" : "A";
    try {
      moveViaApi("ISS2", elsewhere);
      try (ConsoleBrowser admin = signedIn("admin")) {
        admin.open(CONSOLE + "audit.xhtml");
        admin.driver().findElement(By.id("audit:actor")).sendKeys("operator");
        admin.driver().findElement(By.id("audit:bank")).sendKeys("ISS2");
        admin.driver().findElement(By.id("audit:search")).click();
        admin.until(d -> rows(d, "#audit\\:events tbody tr").stream().anyMatch(row ->
            row.contains("operator") && row.contains("ISS2") && row.toLowerCase().contains("move")));
        screenshot(admin, "audit-log");
        admin.open(CONSOLE + "switchovers.xhtml");
        admin.until(d -> rows(d, "#moves\\:history tbody tr").stream().anyMatch(row ->
            row.contains("ISS2") && row.contains(home + " → " + elsewhere)));
        screenshot(admin, "move-history");
      }
    } finally {
      moveViaApi("ISS2", home);
    }
  }

  @Test
  void aPortInUseInTheSessionFormShowsAFieldErrorAndSavesNothing() throws Exception {
    try (ConsoleBrowser admin = signedIn("admin")) {
      admin.open(CONSOLE + "configuration/sessions.xhtml");
      admin.until(d -> !d.findElements(By.id("sessionList:newSession")).isEmpty());
      admin.driver().findElement(By.id("sessionList:newSession")).click();
      admin.until(d -> !d.findElements(By.id("sessionForm:id")).isEmpty());
      admin.driver().findElement(By.id("sessionForm:id")).sendKeys("UIT-PORT");
      WebElement port = admin.driver().findElement(By.id("sessionForm:port"));
      port.clear();
      port.sendKeys("10002");
      admin.driver().findElement(By.id("sessionForm:save")).click();
      admin.until(d -> rows(d, ".field-error").stream()
          .anyMatch(message -> message.contains("port 10002 is in use") && message.contains("ACQ2-1")));
      screenshot(admin, "session-form-port-in-use");
    }
    assertFalse(Api.call("GET", "/api/configuration/sessions", null, "admin").body().contains("UIT-PORT"), "nothing was saved");
  }

  @Test
  void nodesPageShowsBothNodesUpWithTheirBanksAndATrafficChart() throws Exception {
    try (ConsoleBrowser viewer = signedIn("viewer")) {
      viewer.open(CONSOLE + "nodes.xhtml");
      viewer.until(d -> text(d, ".node-state-A").equals("UP") && text(d, ".node-state-B").equals("UP"));
      viewer.until(d -> !d.findElements(By.cssSelector("canvas")).isEmpty());
      assertTrue(text(viewer.driver(), ".heartbeat-A").endsWith("ms ago"), text(viewer.driver(), ".heartbeat-A"));
      screenshot(viewer, "nodes");
    }
  }

  @Test
  void anExpiredSessionReloadsThePageThroughKeycloakWithoutAStackTrace() throws Exception {
    try (ConsoleBrowser viewer = signedIn("viewer")) {
      marker(viewer.driver());
      // the console's session is gone, as after its timeout
      viewer.driver().manage().deleteAllCookies();
      try {
        viewer.until(d -> !markerKept(d) && (d.getCurrentUrl().startsWith(KEYCLOAK) || !d.findElements(By.id("dashboard:banks")).isEmpty()));
      } catch (org.openqa.selenium.TimeoutException e) {
        screenshot(viewer, "expired-session-not-reloaded");
        throw new AssertionError("the page did not reload after its session went; now at " + viewer.driver().getCurrentUrl(), e);
      }
      assertNoStackTrace(viewer.driver().getPageSource());
      if (viewer.driver().getCurrentUrl().startsWith(KEYCLOAK)) {
        // Keycloak's own session went with the cookies: it asks for the password again
        viewer.logIn("viewer", "viewer");
      }
      viewer.until(d -> d.getCurrentUrl().startsWith(CONSOLE) && !d.findElements(By.id("dashboard:banks")).isEmpty());
      assertNoStackTrace(viewer.driver().getPageSource());
      assertTrue(viewer.driver().getPageSource().contains("Signed in as viewer."), "signed in again");
    }
  }

  /** A Java stack trace's marks: "Caused by", a frame "at some.package.Class.method(", "SomeException: message". */
  private static final java.util.regex.Pattern STACK_TRACE =
      java.util.regex.Pattern.compile("Caused by|\\bat [a-z][\\w$]*(\\.[\\w$]+)+\\(|\\w+(Exception|Error): ");

  /** Fails when {@code page} shows a Java stack trace. */
  public static void assertNoStackTrace(String page) {
    assertFalse(STACK_TRACE.matcher(page).find(), "no stack trace: " + page);
  }

  private static boolean clicked(WebDriver driver, By what) {
    try {
      driver.findElement(what).click();
      return true;
    } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException refreshed) {
      return false;
    }
  }

  private static ConsoleBrowser signedIn(String user) throws IOException {
    ConsoleBrowser browser = new ConsoleBrowser();
    browser.open(CONSOLE);
    browser.logIn(user, user);
    browser.until(d -> d.getCurrentUrl().startsWith(CONSOLE) && !d.findElements(By.id("dashboard:banks")).isEmpty());
    return browser;
  }

  /** The text of each element {@code css} finds; empty while the page is being refreshed. */
  private static List<String> rows(WebDriver driver, String css) {
    try {
      return driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    } catch (org.openqa.selenium.StaleElementReferenceException refreshed) {
      return List.of();
    }
  }

  private static String text(WebDriver driver, String css) {
    List<WebElement> found = driver.findElements(By.cssSelector(css));
    try {
      return found.isEmpty() ? "" : found.getFirst().getText().trim();
    } catch (org.openqa.selenium.StaleElementReferenceException refreshed) {
      return "";
    }
  }

  private static void marker(WebDriver driver) {
    ((JavascriptExecutor) driver).executeScript("window.batonNotReloaded = true;");
  }

  private static boolean markerKept(WebDriver driver) {
    return Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript("return window.batonNotReloaded === true;"));
  }

  private static void screenshot(ConsoleBrowser browser, String name) throws IOException {
    Files.createDirectories(SHOTS);
    Path shot = ((TakesScreenshot) browser.driver()).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  static String nodeViaApi(String bank) {
    Api.Answer answer = Api.call("GET", "/api/banks/" + bank, null, "viewer");
    assertEquals(200, answer.status(), "GET /api/banks/" + bank + ": " + answer.body());
    return ((JsonObject) answer.json()).get("node") instanceof JsonString node ? node.getString() : null;
  }

  static void moveViaApi(String bank, String to) throws InterruptedException {
    Api.Answer answer = Api.call("POST", "/api/banks/" + bank + "/move", "{\"to\":\"" + to + "\"}", "operator");
    assertEquals(200, answer.status(), "move of " + bank + " to " + to + ": " + answer.body());
    Poll.until(bank + " routed to " + to, PATIENCE, () -> to.equals(nodeViaApi(bank)));
  }
}
