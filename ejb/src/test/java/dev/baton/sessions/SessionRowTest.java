package dev.baton.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.connector.api.BankSessionSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionRowTest {

  @Test
  void tableColumnsBecomeTheAdaptersOptions() {
    SessionRow row =
        new SessionRow("ACQ1-1", "ACQ1", "ACQUIRER", "LISTEN", "127.0.0.1", 10001, "127.0.0.1/32", "BINARY2_TPDU", "ISO87B",
            30000, 300000, 10000, 8192, 5, true);

    BankSessionSettings settings = row.settings();

    assertEquals("ACQ1", settings.bankId());
    assertEquals("ACQ1-1", settings.sessionId());
    assertEquals("LISTEN", settings.mode());
    assertEquals(10001, settings.port());
    assertEquals(
        Map.of(
            "role", "ACQUIRER",
            "allowedSources", "127.0.0.1/32",
            "framing", "binary2-tpdu",
            "packager", "ISO87B",
            "echoIntervalMillis", "30000",
            "idleTimeoutMillis", "300000",
            "readTimeoutMillis", "10000",
            "maxFrameBytes", "8192",
            "maxConsecutiveBadFrames", "5"),
        settings.options());
  }
}
