package dev.baton.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MoveCommandTest {

  @Test
  void oneBankOrAllWithATargetNodeInAnyCase() {
    assertEquals(new MoveCommand.Request("ACQ1", "B"), MoveCommand.parse(List.of("ACQ1", "--to", "b")));
    MoveCommand.Request all = MoveCommand.parse(List.of("--all", "--to", "A"));
    assertTrue(all.all());
    assertEquals("A", all.to());
  }

  @Test
  void refusesWhatIsNotOneBankOrAllToAOrB() {
    for (List<String> bad :
        List.of(
            List.of("ACQ1"),
            List.of("--to", "A"),
            List.of("ACQ1", "--all", "--to", "A"),
            List.of("ACQ1", "--to", "C"),
            List.of("ACQ1", "ACQ2", "--to", "A"),
            List.of("ACQ1", "--to"),
            List.of("ACQ1", "--node", "A"))) {
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> MoveCommand.parse(bad), bad.toString());
      assertTrue(refused.getMessage().contains("usage: ./baton move <BANK|--all> --to <A|B>"), refused.getMessage());
    }
  }
}
