package dev.baton.simulator.bench;

import java.util.Optional;

/** The bench's findings: one report per switch measured. */
public record BenchReport(Optional<TargetReport> baton, Optional<TargetReport> baseline) {

  /** Every switch asked for was measured to the end. */
  public boolean completed() {
    return baton.map(TargetReport::completed).orElse(true)
        && baseline.map(TargetReport::completed).orElse(true);
  }
}
