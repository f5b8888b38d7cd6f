package dev.baton.simulator.command;

import dev.baton.simulator.acquirer.AcquirerSettings;
import dev.baton.simulator.issuer.IssuerSettings;
import java.time.Duration;
import java.util.Optional;

/** What the user asked the simulator to do. */
public sealed interface Command {

  /** Send load as an acquirer and print its summary. */
  record RunAcquirer(AcquirerSettings settings) implements Command {}

  /** Answer as an issuer, for {@code duration} or until stopped, then print its summary. */
  record RunIssuer(IssuerSettings settings, Optional<Duration> duration) implements Command {}

  /** Print the usage. */
  record ShowHelp() implements Command {}
}
