package dev.baton.connector.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.baton.connector.api.BankSessionSettings;
import dev.baton.connector.config.AllowedSources;
import dev.baton.connector.config.BankRole;
import dev.baton.connector.config.BankSessionConfig;
import dev.baton.connector.config.SessionMode;
import dev.baton.connector.framing.Framing;
import dev.baton.connector.framing.OversizedFramePolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SettingsReaderTest {

  @Test
  void takesTheSameDefaultsAsTheAdaptersOwnConfiguration() {
    BankSessionConfig read = SettingsReader.read(
        BankSessionSettings.of("ACQ1", "ACQ1-1", "dial", "10.0.0.5", 5000));

    assertEquals(BankSessionConfig.of("ACQ1", "ACQ1-1", SessionMode.DIAL, "10.0.0.5", 5000), read);
  }

  @Test
  void readsEveryOption() {
    BankSessionConfig read = SettingsReader.read(
        BankSessionSettings.of("ISS1", "ISS1-1", "LISTEN", "0.0.0.0", 7001)
            .with("role", "issuer")
            .with("allowedSources", "10.1.0.0/16")
            .with("framing", "ascii4-tpdu")
            .with("packager", "ISO87A")
            .with("maxFrameBytes", "4096")
            .with("readTimeoutMillis", "2000")
            .with("idleTimeoutMillis", "60000")
            .with("oversizedFrames", "skip")
            .with("tpduHex", "6000010000")
            .with("maxConsecutiveBadFrames", "3")
            .with("echoIntervalMillis", "30000")
            .with("echoMissLimit", "5")
            .with("reconnectMinMillis", "500")
            .with("reconnectMaxMillis", "10000"));

    assertEquals(BankRole.ISSUER, read.role());
    assertEquals(AllowedSources.parse("10.1.0.0/16"), read.allowedSources());
    assertEquals(Framing.ASCII4_TPDU, read.framing());
    assertEquals("ISO87A", read.packager());
    assertEquals(4096, read.frameRules().maxFrameBytes());
    assertEquals(Duration.ofSeconds(2), read.frameRules().readTimeout());
    assertEquals(Duration.ofMinutes(1), read.frameRules().idleTimeout());
    assertEquals(OversizedFramePolicy.SKIP, read.frameRules().oversizedFrames());
    assertEquals("6000010000", read.frameRules().tpduHex());
    assertEquals(3, read.errorPolicy().maxConsecutiveBadFrames());
    assertEquals(Duration.ofSeconds(30), read.echoInterval());
    assertEquals(5, read.echoMissLimit());
    assertEquals(Duration.ofMillis(500), read.reconnectMin());
    assertEquals(Duration.ofSeconds(10), read.reconnectMax());
  }

  @Test
  void refusesUnknownOptionsAndMalformedValues() {
    BankSessionSettings base = BankSessionSettings.of("ISS1", "ISS1-1", "LISTEN", "0.0.0.0", 7001);

    assertThrows(IllegalArgumentException.class,
        () -> SettingsReader.read(base.with("maxFrameByte", "4096")));
    assertThrows(IllegalArgumentException.class,
        () -> SettingsReader.read(base.with("maxFrameBytes", "big")));
    assertThrows(IllegalArgumentException.class,
        () -> SettingsReader.read(base.with("framing", "binary3")));
    assertThrows(IllegalArgumentException.class,
        () -> SettingsReader.read(base.with("echoMissLimit", "0")));
    assertThrows(IllegalArgumentException.class,
        () -> SettingsReader.read(base.with("echoIntervalMillis", "-1")));
    assertEquals(3, SettingsReader.read(base).echoMissLimit(), "three misses by default");
    assertThrows(IllegalArgumentException.class, () -> SettingsReader.read(
        BankSessionSettings.of("ISS1", "ISS1-1", "CALL", "0.0.0.0", 7001)));
  }
}
