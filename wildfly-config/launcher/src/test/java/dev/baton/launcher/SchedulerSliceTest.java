package dev.baton.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerSliceTest {

  @Test
  void readsTheSliceFromTheEnvironmentAndRefusesWhatTheKernelWouldNotGrant() {
    assertEquals(SchedulerSlice.DEFAULT_MICROS, SchedulerSlice.fromEnvironment(null));
    assertEquals(SchedulerSlice.DEFAULT_MICROS, SchedulerSlice.fromEnvironment(" "));
    assertEquals(0, SchedulerSlice.fromEnvironment("0"));
    assertEquals(100, SchedulerSlice.fromEnvironment("100"));
    assertEquals(100_000, SchedulerSlice.fromEnvironment(" 100000 "));
    for (String wrong : List.of("99", "100001", "-100", "0.5", "short")) {
      IllegalArgumentException refused =
          assertThrows(IllegalArgumentException.class, () -> SchedulerSlice.fromEnvironment(wrong));
      assertEquals("BATON_SLICE_MICROS must be 0 (the kernel's default) or a whole number from 100"
          + " to 100000, not '" + wrong + "'", refused.getMessage());
    }
  }

  @Test
  void asksForNothingWhereTheSystemCallsAreUnknown() {
    assertEquals(List.of("100", "315", "314"), SchedulerSlice.wrapperArguments(100, "amd64"));
    assertEquals(List.of("250", "275", "274"), SchedulerSlice.wrapperArguments(250, "aarch64"));
    assertEquals(List.of("0", "315", "314"), SchedulerSlice.wrapperArguments(0, "amd64"));
    assertEquals(List.of("0", "0", "0"), SchedulerSlice.wrapperArguments(100, "ppc64le"));
  }

  @Test
  void readsAProcesssSliceAndNothingForOneThatIsGone() {
    if (SchedulerSlice.ofProcess(ProcessHandle.current().pid()).isPresent()) {
      assertTrue(SchedulerSlice.ofProcess(ProcessHandle.current().pid()).getAsLong() > 0);
    }
    assertTrue(SchedulerSlice.ofProcess(Long.MAX_VALUE).isEmpty());
  }
}
