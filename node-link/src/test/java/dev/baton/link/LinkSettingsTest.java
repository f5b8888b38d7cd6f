package dev.baton.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LinkSettingsTest {

  @Test
  void defaultsToAHeartbeatEveryHundredMillisecondsAndDownAfterThreeMisses() {
    assertEquals(new LinkSettings(Duration.ofMillis(100), 3, Duration.ofMillis(50),
        Duration.ofSeconds(2), Duration.ofSeconds(1), 65536), LinkSettings.defaults());
  }

  @Test
  void refusesSettingsThatCannotWork() {
    Duration ms = Duration.ofMillis(1);
    assertThrows(IllegalArgumentException.class,
        () -> new LinkSettings(Duration.ZERO, 3, ms, ms, ms, 65536));
    assertThrows(IllegalArgumentException.class,
        () -> new LinkSettings(ms, 0, ms, ms, ms, 65536));
    assertThrows(IllegalArgumentException.class,
        () -> new LinkSettings(ms, 3, Duration.ofSeconds(2), Duration.ofSeconds(1), ms, 65536));
    assertThrows(IllegalArgumentException.class,
        () -> new LinkSettings(ms, 3, ms, ms, ms.negated(), 65536));
    assertThrows(IllegalArgumentException.class,
        () -> new LinkSettings(ms, 3, ms, ms, ms, 100));
    assertThrows(NullPointerException.class,
        () -> new LinkSettings(ms, 3, null, ms, ms, 65536));
  }
}
