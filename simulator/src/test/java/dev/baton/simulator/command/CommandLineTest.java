package dev.baton.simulator.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.simulator.acquirer.AcquirerSettings;
import dev.baton.simulator.baseline.RelaySpec;
import dev.baton.simulator.bench.BenchSettings;
import dev.baton.simulator.bench.HostSteal;
import dev.baton.simulator.bench.SwitchPorts;
import dev.baton.simulator.issuer.IssuerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CommandLineTest {

  @Test
  void readsTheAcquirerExampleOfTheReadme() throws UsageException {
    Command command = CommandLine.parse(
        "acquirer", "--host", "127.0.0.1", "--port", "10001", "--sessions", "4", "--rate", "500",
        "--duration", "30s", "--cards", "4=60,5=40", "--reversals", "0.05", "--timeout", "5s",
        "--financial=0.2");

    AcquirerSettings settings = assertInstanceOf(Command.RunAcquirer.class, command).settings();
    assertEquals("127.0.0.1", settings.host());
    assertEquals(List.of(10001), settings.ports());
    assertEquals(4, settings.sessions());
    assertEquals(500, settings.rate());
    assertEquals(Duration.ofSeconds(30), settings.duration());
    assertEquals(0.6, settings.cards().share("4"), 1e-9);
    assertEquals(0.05, settings.reversalRatio());
    assertEquals(0.2, settings.financialShare());
    assertEquals(Duration.ofSeconds(5), settings.timeout());
  }

  @Test
  void readsAListeningIssuerWithALatencyRange() throws UsageException {
    Command command = CommandLine.parse(
        "issuer", "--listen", "10011", "--approve", "00=90,05=10", "--latency", "5ms..20ms",
        "--never-answer", "0.01", "--duration", "60s");

    Command.RunIssuer issuer = assertInstanceOf(Command.RunIssuer.class, command);
    IssuerSettings settings = issuer.settings();
    assertEquals(new IssuerSettings.Listen(10011), settings.endpoint());
    assertEquals(0.1, settings.answers().share("05"), 1e-9);
    assertEquals(Duration.ofMillis(5), settings.latency().min());
    assertEquals(Duration.ofMillis(20), settings.latency().max());
    assertEquals(0.01, settings.neverAnswer());
    assertEquals(Optional.of(Duration.ofSeconds(60)), issuer.duration());
  }

  @Test
  void readsADialingIssuerThatRunsUntilStopped() throws UsageException {
    Command.RunIssuer issuer = assertInstanceOf(Command.RunIssuer.class,
        CommandLine.parse("issuer", "--dial", "switch.example:10011", "--latency", "250us"));

    assertEquals(new IssuerSettings.Dial("switch.example", 10011), issuer.settings().endpoint());
    assertEquals(Duration.ofNanos(250_000), issuer.settings().latency().max());
    assertEquals(Optional.empty(), issuer.duration());
  }

  @Test
  void asksForHelp() throws UsageException {
    assertInstanceOf(Command.ShowHelp.class, CommandLine.parse("--help"));
    assertInstanceOf(Command.ShowHelp.class, CommandLine.parse("bench", "--help"));
  }

  @Test
  void explainsEachBadArgumentInOneLine() {
    assertRefused("say acquirer, issuer, bench or relay");
    assertRefused("unknown mode 'bank'", "bank");
    assertRefused("--port is required", "acquirer");
    assertRefused("unknown option --speed for acquirer", "acquirer", "--port", "1", "--speed", "9");
    assertRefused("--rate must be a number greater than 0", "acquirer", "--port", "1", "--rate",
        "0");
    assertRefused("--port must be ports from 1 to 65535", "acquirer", "--port", "70000");
    assertRefused("--port names port 1 twice", "acquirer", "--port", "1,1");
    assertRefused("--sessions must be a whole number", "acquirer", "--port", "1", "--sessions",
        "many");
    assertRefused("--duration must be a duration with a unit", "acquirer", "--port", "1",
        "--duration", "30");
    assertRefused("--cards: 'x' is not a BIN prefix", "acquirer", "--port", "1", "--cards",
        "x=1");
    assertRefused("--reversals must be a share from 0 to 1", "acquirer", "--port", "1",
        "--reversals", "1.5");
    assertRefused("--timeout needs a value", "acquirer", "--port", "1", "--timeout");
    assertRefused("--port is given twice", "acquirer", "--port", "1", "--port", "2");
    assertRefused("unexpected argument 'extra'", "acquirer", "--port", "1", "extra");
    assertRefused("give exactly one of --listen PORT and --dial HOST:PORT", "issuer");
    assertRefused("give exactly one of --listen PORT and --dial HOST:PORT", "issuer",
        "--listen", "0", "--dial", "h:1");
    assertRefused("--dial must be HOST:PORT", "issuer", "--dial", "nohost");
    assertRefused("--approve: '5' is not a two-character response code", "issuer", "--listen",
        "0", "--approve", "5=1");
    assertRefused("--latency must be a range whose upper bound", "issuer", "--listen", "0",
        "--latency", "20ms..5ms");
    assertRefused("--never-answer must be a share", "issuer", "--listen", "0",
        "--never-answer", "-0.1");
    assertRefused("--target must be baton, baseline or both", "bench", "--target", "jpos");
    assertRefused("--rates must be rates above 0, each higher than the one before", "bench",
        "--rates", "2000,1000");
    assertRefused("--issuer-ports must be BIN=PORT pairs", "bench", "--issuer-ports", "4:10011");
    assertRefused("--cards prefix 6 has no issuer", "bench", "--cards", "4=50,6=50");
    assertRefused("--p99-limit must be longer than 0", "bench", "--p99-limit", "0ms");
    assertRefused("--name is required", "relay", "--listen", "1", "--next", "h:2");
    assertRefused("give exactly one of --next HOST:PORT and --issuers", "relay", "--name", "r1",
        "--listen", "1");
    assertRefused("--baseline-tcp must be nodelay or nagle", "bench", "--baseline-tcp", "off");
    assertRefused("--next must be HOST:PORT", "relay", "--name", "r1", "--listen", "1",
        "--next", "2");
  }

  @Test
  void readsABenchOfBothSwitchesWithItsDefaults() throws UsageException {
    BenchSettings settings =
        assertInstanceOf(Command.RunBench.class, CommandLine.parse("bench")).settings();

    assertEquals(BenchSettings.Target.BOTH, settings.target());
    assertEquals(SwitchPorts.DEMO, settings.baton());
    assertEquals(1, settings.sessionsPerAcquirer(), "the demo acquirers have one session each");
    assertEquals(0.5, settings.cards().share("4"), 1e-9);
    assertEquals(0.5, settings.cards().share("5"), 1e-9);
    assertEquals(1800, settings.referenceRate());
    assertEquals(1000, settings.rampRates().getFirst());
    assertEquals(Duration.ofSeconds(10), settings.step());
    assertEquals(Duration.ofSeconds(90), settings.warmup());
    assertEquals(Duration.ofMillis(50), settings.criteria().p99Limit());
    assertEquals(0.95, settings.criteria().minAchievedShare());
    assertEquals(Duration.ofSeconds(6), settings.timeout());
    assertEquals(Duration.ofSeconds(5), settings.relayTimeout());
    assertTrue(settings.baselineNoDelay());
    assertEquals(Optional.empty(), settings.pidDir(), "no Baton processes named: only the bench's");
    assertEquals(Duration.ofMillis(5), settings.tail(), "the p99 goal at the reference rate");
    assertEquals(new HostSteal(0.005, 3), settings.hostSteal());
  }

  @Test
  void readsTheTailAndWhenAStepTheHostTookFromIsMeasuredAgain() throws UsageException {
    BenchSettings settings = assertInstanceOf(Command.RunBench.class, CommandLine.parse(
        "bench", "--tail", "2ms", "--steal-limit", "2.5", "--steal-attempts", "1")).settings();

    assertEquals(Duration.ofMillis(2), settings.tail());
    assertEquals(0.025, settings.hostSteal().limit(), 1e-12);
    assertEquals(1, settings.hostSteal().attempts());
    assertRefused("--steal-limit must be a percentage from 0 to 100", "bench", "--steal-limit",
        "150");
    assertRefused("--steal-limit must be a percentage from 0 to 100", "bench", "--steal-limit",
        "half");
    assertRefused("--steal-attempts must be a whole number from 1 to 10", "bench",
        "--steal-attempts", "0");
    assertRefused("--tail must be", "bench", "--tail", "0ms");
  }

  @Test
  void readsABatonOnlyBenchWithItsOwnPortsAndRamp() throws UsageException {
    BenchSettings settings = assertInstanceOf(Command.RunBench.class, CommandLine.parse(
        "bench", "--target", "baton", "--host", "10.0.0.5", "--acquirer-ports", "20001",
        "--issuer-ports", "4=20011,51=20012", "--rates", "500,1500.5", "--step", "3s",
        "--p99-limit", "5ms", "--cards", "4=90,51=10", "--pid-dir", "/srv/baton/work/run"))
        .settings();

    assertEquals(BenchSettings.Target.BATON, settings.target());
    assertEquals(new SwitchPorts("10.0.0.5", List.of(20001), Map.of("4", 20011, "51", 20012)),
        settings.baton());
    assertEquals(List.of(500.0, 1500.5), settings.rampRates());
    assertEquals(Duration.ofSeconds(3), settings.step());
    assertEquals(Duration.ofMillis(5), settings.criteria().p99Limit());
    assertEquals(0.9, settings.cards().share("4"), 1e-9);
    assertEquals(Optional.of(Path.of("/srv/baton/work/run")), settings.pidDir());
  }

  @Test
  void readsARelayTowardsIssuersAndOneTowardsTheNextRelay() throws UsageException {
    Command.RunRelay back = assertInstanceOf(Command.RunRelay.class, CommandLine.parse(
        "relay", "--name", "r3", "--listen", "41004", "--issuers", "4=41005,5=41006",
        "--timeout", "300ms", "--tcp", "nagle", "--work", "/tmp/r3", "--parent-pid", "4242"));
    Command.RunRelay front = assertInstanceOf(Command.RunRelay.class, CommandLine.parse(
        "relay", "--name", "r1", "--listen", "41001,41002", "--next", "127.0.0.1:41003"));

    assertEquals(new RelaySpec("r3", List.of(41004),
        new RelaySpec.Issuers(Map.of("4", 41005, "5", 41006)), Duration.ofMillis(300), false),
        back.relay());
    assertEquals(Optional.of(Path.of("/tmp/r3")), back.workDir());
    assertEquals(OptionalLong.of(4242), back.parentPid());
    assertEquals(new RelaySpec("r1", List.of(41001, 41002),
        new RelaySpec.NextRelay("127.0.0.1", 41003), Duration.ofSeconds(5), true), front.relay());
    assertEquals(Optional.empty(), front.workDir());
  }

  private static void assertRefused(String expectedStart, String... args) {
    UsageException refusal =
        assertThrows(UsageException.class, () -> CommandLine.parse(args), String.join(" ", args));
    assertTrue(refusal.getMessage().startsWith(expectedStart),
        "expected '" + expectedStart + "...' but was '" + refusal.getMessage() + "'");
    assertTrue(!refusal.getMessage().contains("\n"), "one line: " + refusal.getMessage());
  }
}
