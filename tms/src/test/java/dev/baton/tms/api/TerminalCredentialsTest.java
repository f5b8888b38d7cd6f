package dev.baton.tms.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.baton.tms.device.Unauthenticated;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TerminalCredentialsTest {

  private static String basic(String userAndPassword) {
    return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsTheTerminalIdAndTheCredentialKeepingColonsInTheCredential() {
    assertEquals(new TerminalCredentials(42, "ab:cd"), TerminalCredentials.from(basic("42:ab:cd")));
  }

  @Test
  void refusesMissingHeadersOtherSchemesAndNonNumericIds() {
    assertThrows(Unauthenticated.class, () -> TerminalCredentials.from(null));
    assertThrows(Unauthenticated.class, () -> TerminalCredentials.from("Bearer x.y.z"));
    assertThrows(Unauthenticated.class, () -> TerminalCredentials.from(basic("SN-1:secret")));
    assertThrows(Unauthenticated.class, () -> TerminalCredentials.from("Basic %%%"));
    assertThrows(Unauthenticated.class, () -> TerminalCredentials.from(basic("nocolon")));
  }
}
