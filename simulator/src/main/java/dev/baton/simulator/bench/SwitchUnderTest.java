package dev.baton.simulator.bench;

import java.util.Map;

/** A switch the bench started itself (the jPOS baseline) and stops when done with it. */
public interface SwitchUnderTest extends AutoCloseable {

  SwitchPorts ports();

  /** One line saying what it is, for the bench's output. */
  String description();

  /**
   * Its processes by name, in the order the path crosses them, whose processor time each step
   * reports; none when it runs inside the bench's own JVM.
   */
  default Map<String, Long> processes() {
    return Map.of();
  }

  @Override
  void close();
}
