package dev.baton.simulator.command;

import dev.baton.simulator.acquirer.AcquirerSettings;
import dev.baton.simulator.issuer.IssuerSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the simulator's arguments: a mode, then {@code --name value} options. */
public final class CommandLine {

  private static final Set<String> ACQUIRER_OPTIONS =
      Set.of("host", "port", "sessions", "rate", "duration", "cards", "reversals", "financial",
          "timeout");
  private static final Set<String> ISSUER_OPTIONS =
      Set.of("listen", "dial", "approve", "latency", "never-answer", "duration");
  private static final String BIN_PREFIX = "\\d{1,11}";
  private static final String RESPONSE_CODE = "[0-9A-Z]{2}";

  private static final String USAGE =
      """
      usage: baton-simulator acquirer --port PORT [options]
               --host HOST           switch (or issuer) to dial (default 127.0.0.1)
               --port PORT           its port, e.g. 10001 for ACQ1 in the demo
               --sessions N          sessions, each signed on with 0800 70=001 (default 1)
               --rate TPS            requests per second over all sessions (default 100)
               --duration D          how long to send, e.g. 30s or 2m (default 10s)
               --cards P=W,...       BIN prefixes and weights (default 4=50,5=50)
               --reversals SHARE     share of approvals reversed with 0400 (default 0)
               --financial SHARE     share of requests sent as 0200, not 0100 (default 0)
               --timeout D           wait before a request counts as unanswered (default 5s)
             baton-simulator issuer (--listen PORT | --dial HOST:PORT) [options]
               --listen PORT         accept the switch on PORT (0: any free port)
               --dial HOST:PORT      dial the switch and sign on, e.g. 127.0.0.1:10011
               --approve RC=W,...    response codes of 0110/0210 and weights (default 00=100)
               --latency D[..D]      delay before each answer, fixed or uniform (default 0ms)
               --never-answer SHARE  share of 0100/0200 left unanswered (default 0)
               --duration D          stop after D and print the summary (default: Ctrl-C)
             baton-simulator help""";

  private CommandLine() {}

  public static String usage() {
    return USAGE;
  }

  /** The command the arguments ask for, or the first reason they do not make one. */
  public static Command parse(String... args) throws UsageException {
    if (args.length == 0) {
      throw new UsageException("say acquirer or issuer");
    }
    List<String> rest = List.of(args).subList(1, args.length);
    return switch (args[0]) {
      case "acquirer" -> acquirer(options("acquirer", rest, ACQUIRER_OPTIONS));
      case "issuer" -> issuer(options("issuer", rest, ISSUER_OPTIONS));
      case "help", "--help", "-h" -> new Command.ShowHelp();
      default -> throw new UsageException(
          "unknown mode '" + args[0] + "', say acquirer or issuer");
    };
  }

  private static Command acquirer(OptionValues options) throws UsageException {
    String host = options.text("host", "127.0.0.1");
    if (host.isBlank()) {
      throw new UsageException("--host must not be empty");
    }
    return new Command.RunAcquirer(
        new AcquirerSettings(
            host,
            port(options),
            options.integer("sessions", 1, 1, 1_000),
            options.positive("rate", 100),
            options.duration("duration", Duration.ofSeconds(10)),
            options.mix("cards", "4=50,5=50", BIN_PREFIX, "a BIN prefix of 1 to 11 digits"),
            options.share("reversals", 0),
            options.share("financial", 0),
            positive(options.duration("timeout", Duration.ofSeconds(5)), "timeout")));
  }

  private static Command issuer(OptionValues options) throws UsageException {
    if (options.has("listen") == options.has("dial")) {
      throw new UsageException("give exactly one of --listen PORT and --dial HOST:PORT");
    }
    IssuerSettings.Endpoint endpoint =
        options.has("listen")
            ? new IssuerSettings.Listen(options.integer("listen", 0, 0, 65_535))
            : dial(options.required("dial"));
    return new Command.RunIssuer(
        new IssuerSettings(
            endpoint,
            options.mix("approve", "00=100", RESPONSE_CODE, "a two-character response code"),
            options.latency("latency"),
            options.share("never-answer", 0)),
        options.optionalDuration("duration"));
  }

  private static int port(OptionValues options) throws UsageException {
    options.required("port");
    return options.integer("port", 0, 1, 65_535);
  }

  private static IssuerSettings.Dial dial(String target) throws UsageException {
    int colon = target.lastIndexOf(':');
    if (colon <= 0) {
      throw new UsageException("--dial must be HOST:PORT, not '" + target + "'");
    }
    try {
      int port = Integer.parseInt(target.substring(colon + 1));
      if (port >= 1 && port <= 65_535) {
        return new IssuerSettings.Dial(target.substring(0, colon), port);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("--dial port must be from 1 to 65535, not '" + target + "'");
  }

  private static Duration positive(Duration duration, String name) throws UsageException {
    if (duration.isZero()) {
      throw new UsageException("--" + name + " must be longer than 0");
    }
    return duration;
  }

  /** Splits {@code --name value} and {@code --name=value} pairs, refusing unknown names. */
  private static OptionValues options(String mode, List<String> args, Set<String> known)
      throws UsageException {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new UsageException("unexpected argument '" + arg + "', options start with --");
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
      if (!known.contains(name)) {
        throw new UsageException("unknown option --" + name + " for " + mode);
      }
      String value;
      if (equals >= 0) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
        value = args.get(++i);
      } else {
        throw new UsageException("--" + name + " needs a value");
      }
      if (values.put(name, value) != null) {
        throw new UsageException("--" + name + " is given twice");
      }
    }
    return new OptionValues(values);
  }
}
