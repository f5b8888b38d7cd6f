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
  void overTimeBusyIsWhatWasNotIdleOfTheTimeThatPassedWhateverTheTicksCounted() {
    long[] before = MachineLoad.parse("cpu  1000 0 500 8000 100 0 50 0 0 0").orElseThrow();
    // 10 s on 2 processors: 2,000 ticks; 1,400 idle, 10 stolen, but only 12 busy ticks counted
    long[] after = MachineLoad.parse("cpu  1010 0 502 9400 100 0 50 10 0 0").orElseThrow();

    MachineLoad.Share share =
        MachineLoad.Share.overTime(before, after, java.time.Duration.ofSeconds(10), 2).orElseThrow();

    assertEquals(0.3, share.busy(), 1e-9);
    assertEquals(0.005, share.steal(), 1e-9);
    assertEquals(12 / 1422.0 + 10 / 1422.0, MachineLoad.Share.between(before, after).orElseThrow().busy(),
        1e-9, "from the ticks alone the same step reads 1.5 % busy");
    assertEquals(Optional.empty(),
        MachineLoad.Share.overTime(before, after, java.time.Duration.ZERO, 2), "no time passed");
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
      assertTrue(MachineLoad.now().orElseThrow().processors() >= 1, "cpu0 at least");
    }
  }
}
