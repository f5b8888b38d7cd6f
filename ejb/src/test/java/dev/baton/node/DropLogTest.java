package dev.baton.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DropLogTest {

  @Test
  void aFloodOfDropsLogsTheFirstOnesThenOneLineWithHowManyMoreOnceTheSecondIsOver() {
    List<String> lines = new ArrayList<>();
    DropLog log = new DropLog(3, lines::add);

    for (int i = 0; i < 1_741; i++) {
      log.dropped("answer " + i, 10_000 + i % 500);
    }
    log.tick(10_999);
    assertEquals(List.of("dropped: answer 0", "dropped: answer 1", "dropped: answer 2"), lines);

    log.tick(11_000);
    assertEquals("dropped 1738 more in the same second, not each logged (the first 3 were)", lines.get(3));
    assertEquals(4, lines.size());
  }

  @Test
  void dropsInALaterSecondAreLoggedOneByOneAgain() {
    List<String> lines = new ArrayList<>();
    DropLog log = new DropLog(2, lines::add);
    log.dropped("a", 0);
    log.dropped("b", 10);
    log.dropped("c", 20);

    log.dropped("d", 5_000); // the count of the first second comes first

    assertEquals(List.of("dropped: a", "dropped: b", "dropped 1 more in the same second, not each logged (the first 2 were)",
        "dropped: d"), lines);
  }

  @Test
  void aQuietSecondSaysNothing() {
    List<String> lines = new ArrayList<>();
    DropLog log = new DropLog(5, lines::add);
    log.dropped("only one", 0);
    log.tick(2_000);
    log.tick(4_000);

    assertEquals(List.of("dropped: only one"), lines);
  }

  @Test
  void aLimitBelowOneLineIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new DropLog(0, line -> { }));
  }
}
