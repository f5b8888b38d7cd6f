package dev.baton.simulator.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.simulator.acquirer.AcquirerSettings;
import dev.baton.simulator.issuer.IssuerSettings;
import java.time.Duration;
import java.util.Optional;
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
    assertEquals(10001, settings.port());
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
  }

  @Test
  void explainsEachBadArgumentInOneLine() {
    assertRefused("say acquirer or issuer");
    assertRefused("unknown mode 'bank'", "bank");
    assertRefused("--port is required", "acquirer");
    assertRefused("unknown option --speed for acquirer", "acquirer", "--port", "1", "--speed", "9");
    assertRefused("--rate must be a number greater than 0", "acquirer", "--port", "1", "--rate",
        "0");
    assertRefused("--port must be a whole number from 1 to 65535", "acquirer", "--port", "70000");
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
  }

  private static void assertRefused(String expectedStart, String... args) {
    UsageException refusal =
        assertThrows(UsageException.class, () -> CommandLine.parse(args), String.join(" ", args));
    assertTrue(refusal.getMessage().startsWith(expectedStart),
        "expected '" + expectedStart + "...' but was '" + refusal.getMessage() + "'");
    assertTrue(!refusal.getMessage().contains("\n"), "one line: " + refusal.getMessage());
  }
}
