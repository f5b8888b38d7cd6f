package dev.baton.simulator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.simulator.baseline.InProcessBaseline;
import dev.baton.simulator.traffic.WeightedMix;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole bench at a low rate against the baseline in this JVM, with Baton "down" (its ports
 * closed): Baton is reported not listening and the baseline is still measured.
 */
@Timeout(60)
class BenchAgainstBaselineTest {

  @Test
  void measuresTheBaselineWithEveryRequestAnsweredWhileBatonIsNotListening() throws Exception {
    SwitchPorts batonDown = closedPorts();
    BenchSettings settings = new BenchSettings(
        BenchSettings.Target.BOTH, batonDown, 2,
        WeightedMix.parse("4=1,5=1", key -> true, ""),
        200, List.of(100.0, 300.0), Duration.ofMillis(1200), Duration.ZERO,
        // Generous: this proves the mechanics on a shared test machine, not the performance.
        new HoldCriteria(Duration.ofSeconds(3), 0.5),
        Duration.ofSeconds(5), Duration.ofSeconds(4), true, Optional.empty(), Duration.ofMillis(5),
        // Every step counts as measured: what this proves does not depend on the host's steal.
        new HostSteal(1, 1));
    List<String> heard = new ArrayList<>();

    BenchReport report =
        new Bench(settings, InProcessBaseline::start, recording(heard)).run();

    TargetReport baton = report.baton().orElseThrow();
    assertTrue(baton.problem().orElseThrow().startsWith("not listening on 127.0.0.1:"),
        baton.problem().orElseThrow());
    TargetReport baseline = report.baseline().orElseThrow();
    assertEquals(Optional.empty(), baseline.problem());
    StepResult reference = baseline.reference().orElseThrow();
    assertEquals(200, reference.offeredRate());
    assertEquals(0, reference.unanswered());
    assertEquals(0, reference.declined());
    assertTrue(Math.abs(reference.sent() - 240) <= 4, "sent " + reference.sent());
    if (Files.isReadable(Path.of("/proc/stat"))) {
      // The in-process baseline has no processes of its own: the bench's JVM is all there is.
      ProcessorTime.Split split = reference.processors().orElseThrow();
      assertEquals(List.of(TargetBench.BENCH_PROCESS),
          split.processes().stream().map(ProcessorTime.Share::name).toList());
      assertTrue(split.allMicros() > 0, "the machine did nothing? " + split);
      // read every 100 ms through the step (1.2 s): about a dozen samples
      int samples = reference.machineTimeline().list().size();
      assertTrue(samples >= 5, "the machine's counters read through the step: " + samples);
    }
    assertEquals(2, baseline.ramp().size());
    assertEquals(OptionalDouble.of(300), baseline.sustainedRate());
    assertTrue(heard.contains("baseline step REFERENCE 200.0 held"), heard.toString());
    assertTrue(heard.stream().anyMatch(line -> line.startsWith("baseline starting jPOS")),
        heard.toString());
  }

  private static BenchListener recording(List<String> heard) {
    return new BenchListener() {
      @Override
      public void starting(String target, String description) {
        heard.add(target + " starting " + description);
      }

      @Override
      public void note(String target, String line) {
        heard.add(target + " note " + line);
      }

      @Override
      public void step(String target, Phase phase, StepResult result, Optional<String> failure) {
        heard.add(target + " step " + phase + " " + result.offeredRate() + " "
            + failure.orElse("held"));
      }

      @Override
      public void measuredAgain(String target, Phase phase, StepResult discarded, int attempt,
          HostSteal rule) {
        heard.add(target + " again " + phase + " " + discarded.offeredRate() + " " + attempt);
      }

      @Override
      public void finished(TargetReport report) {
        heard.add(report.target() + " finished");
      }
    };
  }

  private static SwitchPorts closedPorts() throws Exception {
    try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0);
        ServerSocket c = new ServerSocket(0)) {
      Map<String, Integer> issuers = new LinkedHashMap<>();
      issuers.put("4", b.getLocalPort());
      issuers.put("5", c.getLocalPort());
      return new SwitchPorts("127.0.0.1", List.of(a.getLocalPort()), issuers);
    }
  }
}
