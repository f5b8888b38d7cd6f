package dev.baton.simulator;

import dev.baton.simulator.acquirer.AcquirerSettings;
import dev.baton.simulator.acquirer.AcquirerSimulator;
import dev.baton.simulator.baseline.BaselineProcesses;
import dev.baton.simulator.baseline.RelayHost;
import dev.baton.simulator.bench.Bench;
import dev.baton.simulator.bench.BenchReport;
import dev.baton.simulator.bench.BenchSettings;
import dev.baton.simulator.command.Command;
import dev.baton.simulator.command.CommandLine;
import dev.baton.simulator.command.UsageException;
import dev.baton.simulator.issuer.IssuerSettings;
import dev.baton.simulator.issuer.IssuerSimulator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code java -jar baton-simulator.jar acquirer|issuer|bench|relay ...}: the simulator's command
 * line.
 */
public final class Main {

  static final int OK = 0;
  static final int FAILED = 1;
  static final int BAD_ARGUMENTS = 2;

  private Main() {}

  public static void main(String[] args) {
    int slice;
    try {
      slice = SchedulerSlice.fromEnvironment(System.getenv("BATON_SLICE_MICROS"));
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(BAD_ARGUMENTS);
      return;
    }
    // Before any thread of the simulator's starts: they all inherit it (see SchedulerSlice). A
    // relay of the baseline keeps the kernel's default it was started with.
    if (args.length == 0 || !args[0].equals("relay")) {
      SchedulerSlice.request(slice).ifPresent(why -> System.err.println("note: " + why));
    }
    System.exit(run(args, System.out, System.err));
  }

  /** Runs one command and returns the process exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Command command;
    try {
      command = CommandLine.parse(args);
    } catch (UsageException e) {
      err.println("error: " + e.getMessage());
      err.println(CommandLine.usage());
      return BAD_ARGUMENTS;
    }
    try {
      return switch (command) {
        case Command.ShowHelp help -> {
          out.println(CommandLine.usage());
          yield OK;
        }
        case Command.RunAcquirer acquirer -> runAcquirer(acquirer.settings(), out);
        case Command.RunIssuer issuer -> runIssuer(issuer, out);
        case Command.RunBench bench -> runBench(bench.settings(), out);
        case Command.RunRelay relay -> runRelay(relay, out);
      };
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return FAILED;
    }
  }

  private static int runAcquirer(AcquirerSettings settings, PrintStream out) throws IOException {
    out.printf(Locale.ROOT, "acquirer: %d session(s) to %s:%s, %.1f TPS for %d ms%n",
        settings.sessions(), settings.host(), settings.portList(), settings.rate(),
        settings.duration().toMillis());
    SummaryPrinter.acquirer(new AcquirerSimulator(settings).run(), out);
    return OK;
  }

  /**
   * Exit 1 when a switch asked for could not be measured to the end (Baton not listening, the
   * baseline not starting, issuers not signing on), so scripts notice.
   */
  private static int runBench(BenchSettings settings, PrintStream out) {
    BenchPrinter printer = new BenchPrinter(settings, out);
    printer.header();
    BenchReport report =
        new Bench(settings, BaselineProcesses::start, printer).run();
    printer.sideBySide(report);
    return report.completed() ? OK : FAILED;
  }

  private static int runRelay(Command.RunRelay command, PrintStream out)
      throws IOException, InterruptedException {
    Path work = command.workDir().isPresent()
        ? command.workDir().get()
        : Files.createTempDirectory("baton-relay-" + command.relay().name() + "-");
    RelayHost host = RelayHost.start(List.of(command.relay()), work);
    Runtime.getRuntime().addShutdownHook(new Thread(host::close, "relay-stop"));
    out.println("relay " + command.relay().name() + ": listening on "
        + command.relay().listenPorts() + ", forwarding to " + command.relay().downstream()
        + ", Q2 log " + work.resolve("q2.log"));
    out.flush();
    if (command.parentPid().isPresent()) {
      ProcessHandle.of(command.parentPid().getAsLong())
          .orElseThrow(() -> new IOException("parent process has already gone"))
          .onExit()
          .join();
      return OK;
    }
    new CountDownLatch(1).await();
    return OK;
  }

  private static int runIssuer(Command.RunIssuer command, PrintStream out)
      throws IOException, InterruptedException {
    IssuerSimulator issuer = new IssuerSimulator(command.settings());
    issuer.start();
    switch (command.settings().endpoint()) {
      case IssuerSettings.Listen listen -> out.println("issuer: listening on port " + issuer.port());
      case IssuerSettings.Dial dial -> out.println("issuer: dialing " + dial.host() + ":"
          + dial.port());
    }
    // Ctrl-C is the usual way to stop an issuer; the summary must come out then too, once.
    AtomicBoolean finished = new AtomicBoolean();
    Runnable finish = () -> {
      if (finished.compareAndSet(false, true)) {
        issuer.close();
        SummaryPrinter.issuer(issuer.summary(), out);
        out.flush();
      }
    };
    Thread onExit = new Thread(finish, "issuer-summary");
    Runtime.getRuntime().addShutdownHook(onExit);
    if (command.duration().isEmpty()) {
      new CountDownLatch(1).await();
    }
    Thread.sleep(command.duration().get());
    Runtime.getRuntime().removeShutdownHook(onExit);
    finish.run();
    return OK;
  }
}
