package dev.baton.simulator.command;

import dev.baton.simulator.acquirer.AcquirerSettings;
import dev.baton.simulator.baseline.RelaySpec;
import dev.baton.simulator.bench.BenchSettings;
import dev.baton.simulator.issuer.IssuerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/** What the user asked the simulator to do. */
public sealed interface Command {

  /** Send load as an acquirer and print its summary. */
  record RunAcquirer(AcquirerSettings settings) implements Command {}

  /** Answer as an issuer, for {@code duration} or until stopped, then print its summary. */
  record RunIssuer(IssuerSettings settings, Optional<Duration> duration) implements Command {}

  /** Measure Baton and the jPOS baseline and print them side by side. */
  record RunBench(BenchSettings settings) implements Command {}

  /**
   * Run one relay of the jPOS baseline until stopped.
   *
   * @param workDir where its deploy descriptors and Q2 log go; a temporary one when empty
   * @param parentPid stop when that process ends (the bench that started the relay)
   */
  record RunRelay(RelaySpec relay, Optional<Path> workDir, OptionalLong parentPid)
      implements Command {}

  /** Print the usage. */
  record ShowHelp() implements Command {}
}
