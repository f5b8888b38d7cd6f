package dev.baton.simulator.bench;

/** A switch the bench started itself (the jPOS baseline) and stops when done with it. */
public interface SwitchUnderTest extends AutoCloseable {

  SwitchPorts ports();

  /** One line saying what it is, for the bench's output. */
  String description();

  @Override
  void close();
}
