package dev.baton.simulator.command;

import dev.baton.simulator.acquirer.AcquirerSettings;
import dev.baton.simulator.baseline.RelaySpec;
import dev.baton.simulator.bench.BenchSettings;
import dev.baton.simulator.bench.HoldCriteria;
import dev.baton.simulator.bench.HostSteal;
import dev.baton.simulator.bench.SwitchPorts;
import dev.baton.simulator.issuer.IssuerSettings;
import dev.baton.simulator.traffic.WeightedMix;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads the simulator's arguments: a mode, then {@code --name value} options. */
public final class CommandLine {

  private static final Set<String> ACQUIRER_OPTIONS =
      Set.of("host", "port", "sessions", "rate", "duration", "cards", "reversals", "financial",
          "timeout");
  private static final Set<String> ISSUER_OPTIONS =
      Set.of("listen", "dial", "approve", "latency", "never-answer", "duration");
  private static final Set<String> BENCH_OPTIONS =
      Set.of("target", "host", "acquirer-ports", "issuer-ports", "sessions", "cards",
          "reference-rate", "rates", "step", "warmup", "p99-limit", "timeout", "relay-timeout",
          "baseline-tcp", "pid-dir", "tail", "steal-limit", "steal-attempts");
  private static final Set<String> RELAY_OPTIONS =
      Set.of("name", "listen", "next", "issuers", "timeout", "tcp", "work", "parent-pid");
  private static final String DEFAULT_RAMP =
      "1000,2000,3000,4000,5000,6000,7000,8000,9000,10000,12000,14000,16000,18000,20000";
  private static final String BIN_PREFIX = "\\d{1,11}";
  private static final String RESPONSE_CODE = "[0-9A-Z]{2}";

  private static final String USAGE =
      """
      usage: baton-simulator acquirer --port PORT[,PORT...] [options]
               --host HOST           switch (or issuer) to dial (default 127.0.0.1)
               --port PORT[,PORT]    its port(s), e.g. 10001 for ACQ1; sessions take them in turn
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
             baton-simulator bench [options]
               --target T            baton, baseline or both (default both)
               --host HOST           where Baton runs (default 127.0.0.1)
               --acquirer-ports P,P  Baton's acquirer ports (default 10001,10002)
               --issuer-ports B=P,.. Baton's issuer ports by BIN (default 4=10011,5=10012)
               --sessions N          sessions per acquirer port (default 1)
               --cards P=W,...       BIN prefixes and weights (default: the issuer BINs, even)
               --reference-rate TPS  rate of the latency step (default 1800)
               --rates TPS,TPS,...   the ramp, increasing (default 1000,2000,...,10000,...,20000)
               --step D              how long each step sends (default 10s)
               --warmup D            a first run at the reference rate, not counted (default 90s)
               --p99-limit D         a ramp step holds while p99 is within this (default 50ms)
               --timeout D           acquirer wait before a request is unanswered (default 6s)
               --relay-timeout D     baseline relay wait before it answers RC 91 (default 5s)
               --baseline-tcp T      nodelay (as Baton's sockets) or nagle (jPOS stock sockets)
                                     for the baseline's relays (default nodelay)
               --pid-dir DIR         pid files of Baton's processes (./baton bench gives
                                     work/run): each step reports their processor time
               --tail D              answers slower than this are counted per 100 ms, beside
                                     what the machine's host took then (default 5ms)
               --steal-limit PCT     a step during which the machine's host took more than this
                                     share of the processors is measured again (default 0.5)
               --steal-attempts N    measurements of a step at most; the one the host took
                                     least from counts (default 3; 1: never again)
             baton-simulator relay --name NAME --listen PORT[,PORT] (--next HOST:PORT |
                                   --issuers BIN=PORT,...) [--timeout D] [--tcp nodelay|nagle]
                                   [--work DIR] [--parent-pid PID]
                                   one relay of the jPOS baseline, until stopped
             baton-simulator help""";

  private CommandLine() {}

  public static String usage() {
    return USAGE;
  }

  /** The command the arguments ask for, or the first reason they do not make one. */
  public static Command parse(String... args) throws UsageException {
    if (args.length == 0) {
      throw new UsageException("say acquirer, issuer, bench or relay");
    }
    List<String> rest = List.of(args).subList(1, args.length);
    if (rest.contains("--help") || rest.contains("-h")) {
      return new Command.ShowHelp();
    }
    return switch (args[0]) {
      case "acquirer" -> acquirer(options("acquirer", rest, ACQUIRER_OPTIONS));
      case "issuer" -> issuer(options("issuer", rest, ISSUER_OPTIONS));
      case "bench" -> bench(options("bench", rest, BENCH_OPTIONS));
      case "relay" -> relay(options("relay", rest, RELAY_OPTIONS));
      case "help", "--help", "-h" -> new Command.ShowHelp();
      default -> throw new UsageException(
          "unknown mode '" + args[0] + "', say acquirer, issuer, bench or relay");
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
            options.ports("port", options.required("port")),
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
            : dial("dial", options.required("dial"));
    return new Command.RunIssuer(
        new IssuerSettings(
            endpoint,
            options.mix("approve", "00=100", RESPONSE_CODE, "a two-character response code"),
            options.latency("latency"),
            options.share("never-answer", 0)),
        options.optionalDuration("duration"));
  }

  private static Command bench(OptionValues options) throws UsageException {
    BenchSettings.Target target =
        switch (options.text("target", "both")) {
          case "baton" -> BenchSettings.Target.BATON;
          case "baseline" -> BenchSettings.Target.BASELINE;
          case "both" -> BenchSettings.Target.BOTH;
          default -> throw new UsageException(
              "--target must be baton, baseline or both, not '" + options.text("target", "")
                  + "'");
        };
    String host = options.text("host", "127.0.0.1");
    if (host.isBlank()) {
      throw new UsageException("--host must not be empty");
    }
    SwitchPorts baton = new SwitchPorts(host,
        options.ports("acquirer-ports", "10001,10002"),
        options.portsByBin("issuer-ports", "4=10011,5=10012", BIN_PREFIX));
    String evenCards = baton.issuerPortsByBin().keySet().stream().map(bin -> bin + "=1")
        .collect(Collectors.joining(","));
    WeightedMix cards =
        options.mix("cards", evenCards, BIN_PREFIX, "a BIN prefix of 1 to 11 digits");
    for (String prefix : cards.weights().keySet()) {
      if (baton.issuerPortsByBin().keySet().stream().noneMatch(prefix::startsWith)) {
        throw new UsageException("--cards prefix " + prefix + " has no issuer in --issuer-ports");
      }
    }
    return new Command.RunBench(new BenchSettings(
        target,
        baton,
        options.integer("sessions", 1, 1, 100),
        cards,
        options.positive("reference-rate", 1800),
        options.increasingRates("rates", DEFAULT_RAMP),
        positive(options.duration("step", Duration.ofSeconds(10)), "step"),
        options.duration("warmup", Duration.ofSeconds(90)),
        new HoldCriteria(
            positive(options.duration("p99-limit", Duration.ofMillis(50)), "p99-limit"),
            HoldCriteria.DEFAULT_ACHIEVED_SHARE),
        positive(options.duration("timeout", Duration.ofSeconds(6)), "timeout"),
        positive(options.duration("relay-timeout", Duration.ofSeconds(5)), "relay-timeout"),
        noDelay(options, "baseline-tcp"),
        options.has("pid-dir") ? Optional.of(Path.of(options.required("pid-dir"))) : Optional.empty(),
        positive(options.duration("tail", Duration.ofMillis(5)), "tail"),
        new HostSteal(
            options.percent("steal-limit", HostSteal.DEFAULT.limit()),
            options.integer("steal-attempts", HostSteal.DEFAULT.attempts(), 1, 10))));
  }

  private static Command relay(OptionValues options) throws UsageException {
    String name = options.required("name");
    if (!name.matches("[a-z][a-z0-9-]*")) {
      throw new UsageException("--name must be lower-case letters, digits and -, such as r1");
    }
    if (options.has("next") == options.has("issuers")) {
      throw new UsageException("give exactly one of --next HOST:PORT and --issuers BIN=PORT,...");
    }
    RelaySpec.Downstream downstream;
    if (options.has("next")) {
      IssuerSettings.Dial next = dial("next", options.required("next"));
      downstream = new RelaySpec.NextRelay(next.host(), next.port());
    } else {
      downstream = new RelaySpec.Issuers(options.portsByBin("issuers", "", BIN_PREFIX));
    }
    RelaySpec relay = new RelaySpec(name, options.ports("listen", options.required("listen")),
        downstream, positive(options.duration("timeout", Duration.ofSeconds(5)), "timeout"),
        noDelay(options, "tcp"));
    Optional<Path> work = options.has("work")
        ? Optional.of(Path.of(options.required("work")))
        : Optional.empty();
    OptionalLong parent = options.has("parent-pid")
        ? OptionalLong.of(options.integer("parent-pid", 0, 1, Integer.MAX_VALUE))
        : OptionalLong.empty();
    return new Command.RunRelay(relay, work, parent);
  }

  private static IssuerSettings.Dial dial(String name, String target) throws UsageException {
    int colon = target.lastIndexOf(':');
    if (colon <= 0) {
      throw new UsageException("--" + name + " must be HOST:PORT, not '" + target + "'");
    }
    try {
      int port = Integer.parseInt(target.substring(colon + 1));
      if (port >= 1 && port <= 65_535) {
        return new IssuerSettings.Dial(target.substring(0, colon), port);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(
        "--" + name + " port must be from 1 to 65535, not '" + target + "'");
  }

  private static boolean noDelay(OptionValues options, String name) throws UsageException {
    return switch (options.text(name, "nodelay")) {
      case "nodelay" -> true;
      case "nagle" -> false;
      default -> throw new UsageException(
          "--" + name + " must be nodelay or nagle, not '" + options.text(name, "") + "'");
    };
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
