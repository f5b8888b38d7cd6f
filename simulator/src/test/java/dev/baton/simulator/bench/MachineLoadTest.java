package dev.baton.simulator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The machine's busy and stolen shares, from two readings of /proc/stat's first line. */
class MachineLoadTest {

  @Test
  void busyCountsEverythingButIdleAndIowaitAndStealIsTheHostsShare() {
    long[] before = MachineLoad.parse("cpu  1000 0 500 8000 100 0 50 0 0 0").orElseThrow();
    // 400 user, 100 system, 300 idle, 0 iowait, 0 irq, 0 softirq, 200 steal: 1,000 ticks
    long[] after = MachineLoad.parse("cpu  1400 0 600 8300 100 0 50 200 0 0").orElseThrow();

    MachineLoad.Share share = MachineLoad.Share.between(before, after).orElseThrow();

    assertEquals(0.7, share.busy(), 1e-9);
    assertEquals(0.2, share.steal(), 1e-9);
  }

  @Test
  void aLineThatIsNotTheAggregateOrIsTooShortGivesNothing() {
    assertEquals(Optional.empty(), MachineLoad.parse("cpu0 1 2 3 4 5 6 7 8"));
    assertEquals(Optional.empty(), MachineLoad.parse("cpu 1 2 3"));
    assertEquals(Optional.empty(),
        MachineLoad.Share.between(new long[8], new long[8]), "no time passed");
  }

  @Test
  void readsThisMachinesCountersWhereTheSystemHasThem() {
    if (java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/stat"))) {
      assertTrue(MachineLoad.now().isPresent());
    }
  }
}
