package dev.baton.portal.terminals;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class InstalledVersionsTest {

  @Test
  void listsTheReportedApplicationsByName() {
    assertEquals(
        List.of(new InstalledVersions.Application("emv", "1.0"), new InstalledVersions.Application("pay", "3.2")),
        InstalledVersions.of("{\"pay\": \"3.2\", \"emv\": \"1.0\"}"));
  }

  @Test
  void showsNothingForNoReportAndTheTextItselfWhenItIsNotAnObject() {
    assertEquals(List.of(), InstalledVersions.of(null));
    assertEquals(List.of(), InstalledVersions.of("{}"));
    assertEquals(List.of(new InstalledVersions.Application("(unreadable)", "[1,2]")), InstalledVersions.of("[1,2]"));
  }
}
