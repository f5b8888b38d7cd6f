package dev.baton.simulator.baseline;

import dev.baton.simulator.bench.SwitchPorts;
import dev.baton.simulator.bench.SwitchUnderTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The baseline's three relays in one Q2 in this JVM: the same beans and hops as
 * {@link BaselineProcesses}, for tests, without three JVMs to start.
 */
public final class InProcessBaseline implements SwitchUnderTest {

  private final BaselinePlan plan;
  private final RelayHost host;
  private final Path workDir;

  private InProcessBaseline(BaselinePlan plan, RelayHost host, Path workDir) {
    this.plan = plan;
    this.host = host;
    this.workDir = workDir;
  }

  public static InProcessBaseline start(
      List<String> bins, int acquirers, Duration timeout, boolean noDelay) throws IOException {
    BaselinePlan plan = BaselinePlan.onFreePorts(bins, acquirers, timeout, noDelay);
    Path workDir = Files.createTempDirectory("baton-baseline-");
    try {
      return new InProcessBaseline(plan, RelayHost.start(plan.relays(), workDir), workDir);
    } catch (IOException | RuntimeException e) {
      WorkDirectory.delete(workDir);
      throw e;
    }
  }

  public BaselinePlan plan() {
    return plan;
  }

  @Override
  public SwitchPorts ports() {
    return plan.switchPorts();
  }

  @Override
  public String description() {
    return "jPOS baseline in this JVM (one Q2): " + plan.describe();
  }

  @Override
  public void close() {
    host.close();
    WorkDirectory.delete(workDir);
  }
}
