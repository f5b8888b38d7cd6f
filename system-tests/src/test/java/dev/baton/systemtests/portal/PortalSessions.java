package dev.baton.systemtests.portal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The browsers a portal test opened: a test that fails leaves a screenshot of each page it had
 * open ({@code target/screenshots/portal-<test>-failed-<user>.png}); every browser is closed
 * after the test, failed or not. And the fresh names a test gives what it enrols.
 */
abstract class PortalSessions {

  private final List<PortalBrowser> browsers = new ArrayList<>();

  @RegisterExtension
  final TestExecutionExceptionHandler screenshotsOnFailure = (context, failure) -> {
    for (PortalBrowser browser : browsers) {
      try {
        browser.screenshot(context.getRequiredTestMethod().getName() + "-failed");
      } catch (IOException | RuntimeException unavailable) {
        failure.addSuppressed(unavailable);
      }
    }
    throw failure;
  };

  /** A browser in which {@code user} signed in to the portal. */
  PortalBrowser open(String user) throws IOException {
    return open(user, PortalBrowser.PORTAL);
  }

  /** A browser in which {@code user} signed in at {@code page}. */
  PortalBrowser open(String user, String page) throws IOException {
    PortalBrowser browser = PortalBrowser.of(user);
    browsers.add(browser);
    browser.signIn(page);
    return browser;
  }

  @AfterEach
  void closeBrowsers() throws IOException {
    for (PortalBrowser browser : browsers) {
      browser.close();
    }
    browsers.clear();
  }

  /** Seven letters and digits of its own, for the names and TIDs a test enrols. */
  static String unique() {
    return java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 7).toUpperCase();
  }

  /** The {@code id} parameter of a page address. */
  static long idIn(String url) {
    return Long.parseLong(url.replaceAll(".*[?&]id=(\\d+).*", "$1"));
  }
}
