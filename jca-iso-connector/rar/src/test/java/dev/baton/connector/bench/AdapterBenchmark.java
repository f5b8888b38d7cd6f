package dev.baton.connector.bench;

import dev.baton.connector.adapter.BankSessionActivationSpec;
import dev.baton.connector.adapter.IsoResourceAdapter;
import dev.baton.connector.api.BankConnection;
import dev.baton.connector.api.BankConnectionFactory;
import dev.baton.connector.api.BankConnectorException;
import dev.baton.connector.api.BankMessage;
import dev.baton.connector.api.BankMessageHandler;
import dev.baton.connector.api.BankSessionListener;
import dev.baton.connector.api.BankSessionSettings;
import dev.baton.connector.api.IsoMessage;
import dev.baton.connector.api.SessionState;
import dev.baton.connector.outbound.IsoManagedConnectionFactory;
import dev.baton.connector.testkit.ExecutorWorkManager;
import dev.baton.connector.testkit.TestBootstrapContext;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import javax.transaction.xa.XAResource;
import org.HdrHistogram.Histogram;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.NACChannel;
import org.jpos.iso.packager.ISO87BPackager;

/**
 * The adapter benchmark: round trips per second and latency through the adapter's real code
 * path, over loopback TCP, in one JVM. Not a test; run it with
 * {@code ./mvnw -B -o -q -pl jca-iso-connector/rar test-compile exec:exec@benchmark} (see the
 * module README).
 *
 * <p>What runs: an {@link IsoResourceAdapter} started with a WorkManager on a plain thread pool
 * (the tests' {@link ExecutorWorkManager}); listening sessions configured through a {@link
 * BankConnection} (registry and gateway); banks as the demo runs them (jPOS {@code NACChannel},
 * {@code ISO87BPackager}, 2-byte binary length) that connect and sign on; an endpoint activated
 * for every bank that answers each 0100 with its 0110, RC 00, through a {@link BankConnection}
 * from the adapter's connection factory, as an MDB would. A request goes bank → adapter reader
 * → inbound dispatcher and session mailbox → WorkManager → endpoint → connection → gateway →
 * session channel → bank.
 *
 * <p>Three runs, each a warm-up then a measured part: (a) one session flat out, (b) all sessions
 * flat out, each bank keeping up to {@code window} requests in flight, and (c) a fixed rate spread
 * over all sessions, where each request has a scheduled send time and its latency counts from
 * that time, not from when the bank got round to sending it (no coordinated omission). Latency is
 * the bank's: from send (or scheduled send) to the answer read off its socket. The banks run in
 * the same JVM and take their share of the two cores.
 *
 * <p>Settings (system properties, set from the pom's {@code bench.*} properties): {@code
 * bench.warmupSeconds}, {@code bench.measureSeconds}, {@code bench.sessions}, {@code
 * bench.window}, {@code bench.rate}, {@code bench.workThreads}.
 */
public final class AdapterBenchmark {

  // Slots for send times, indexed by STAN % RING; 1,000,000 STANs are a whole number of rings.
  private static final int RING = 4_000;
  private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);
  private static final double THROUGHPUT_GOAL = 20_000;
  private static final double P99_GOAL_MILLIS = 2.0;

  private AdapterBenchmark() {}

  /** What the benchmark runs, from system properties. */
  record Settings(int warmupSeconds, int measureSeconds, int sessions, int window, int rate,
      int workThreads) {

    static Settings fromSystemProperties() {
      Settings settings = new Settings(
          Integer.getInteger("bench.warmupSeconds", 5),
          Integer.getInteger("bench.measureSeconds", 10),
          Integer.getInteger("bench.sessions", 20),
          Integer.getInteger("bench.window", 16),
          Integer.getInteger("bench.rate", 2_000),
          Integer.getInteger("bench.workThreads", 4));
      if (settings.warmupSeconds < 0 || settings.measureSeconds < 1 || settings.sessions < 1
          || settings.window < 1 || settings.window > RING / 2 || settings.rate < 1
          || settings.workThreads < 1) {
        throw new IllegalArgumentException("bad settings: " + settings);
      }
      return settings;
    }
  }

  /** How the banks of a run send: flat out within a window, or paced at a total rate. */
  record Load(boolean paced, int window, int totalRate) {
    static Load flatOut(int window) {
      return new Load(false, window, 0);
    }

    static Load paced(int totalRate) {
      // The window only bounds the send-time slots; a paced bank never waits on it in practice.
      return new Load(true, RING / 2, totalRate);
    }
  }

  /**
   * When a run's warm-up starts, its measured part starts, and sending stops (nanoTime); and the
   * latch the banks' threads wait on before they end, so that their CPU time is still there to
   * be read after the measured part.
   */
  record Phases(long start, long measureStart, long end, CountDownLatch sampled) {}

  /** One row of the table. */
  record Result(String name, int sessions, String inFlight, double roundTripsPerSecond,
      double targetRate, Histogram latency, double cpuPercent, long gcCount, long gcMillis,
      long errors, Map<String, Double> cpuByThreads) {}

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.fromSystemProperties();
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf(Locale.ROOT,
        "Baton ISO 8583 adapter benchmark: %d cores, Java %s, load average %.2f at start%n"
            + "warm-up %d s + measured %d s per run; %d sessions; flat-out window %d per session;"
            + " paced %,d/s; WorkManager %d threads%n",
        cores, Runtime.version(), ManagementFactory.getOperatingSystemMXBean()
            .getSystemLoadAverage(), settings.warmupSeconds, settings.measureSeconds,
        settings.sessions, settings.window, settings.rate, settings.workThreads);

    ExecutorWorkManager workManager = new ExecutorWorkManager(settings.workThreads);
    IsoResourceAdapter adapter = new IsoResourceAdapter();
    adapter.start(new TestBootstrapContext(workManager));
    IsoManagedConnectionFactory managedFactory = new IsoManagedConnectionFactory();
    managedFactory.setResourceAdapter(adapter);
    BankConnectionFactory connections =
        (BankConnectionFactory) managedFactory.createConnectionFactory();
    EchoEndpointFactory echo = new EchoEndpointFactory(connections);
    BankSessionActivationSpec spec = new BankSessionActivationSpec();
    spec.setResourceAdapter(adapter);
    spec.setBanks("*");
    adapter.endpointActivation(echo, spec);

    List<Bank> banks = new ArrayList<>();
    List<Result> results = new ArrayList<>();
    try {
      try (BankConnection connection = connections.getConnection()) {
        for (int number = 1; number <= settings.sessions; number++) {
          String bankId = "ACQ" + number;
          String sessionId = bankId + "-1";
          connection.configure(
              BankSessionSettings.of(bankId, sessionId, "LISTEN", "127.0.0.1", 0));
          int port = adapter.gateway().listeningPort(sessionId).orElseThrow();
          Bank bank = new Bank(number, port);
          banks.add(bank);
          bank.signOn();
        }
      }
      results.add(run("(a) 1 session, flat out", banks.subList(0, 1),
          Load.flatOut(settings.window), settings));
      results.add(run("(b) " + settings.sessions + " sessions, flat out", banks,
          Load.flatOut(settings.window), settings));
      results.add(run(String.format(Locale.ROOT, "(c) %d sessions, paced %,d/s",
          settings.sessions, settings.rate), banks, Load.paced(settings.rate), settings));
    } finally {
      for (Bank bank : banks) {
        bank.close();
      }
      adapter.stop();
      workManager.close();
    }

    long errors = results.stream().mapToLong(Result::errors).sum() + echo.failures.sum();
    print(results, cores, echo.failures.sum());
    // Daemon threads only are left; exit at once, with a failure when answers went missing.
    System.exit(errors == 0 ? 0 : 1);
  }

  private static Result run(String name, List<Bank> banks, Load load, Settings settings)
      throws InterruptedException {
    System.out.printf("%s: running%n", name);
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
    long measureStart = start + TimeUnit.SECONDS.toNanos(settings.warmupSeconds);
    Phases phases = new Phases(start, measureStart,
        measureStart + TimeUnit.SECONDS.toNanos(settings.measureSeconds), new CountDownLatch(1));
    List<Driver> drivers = new ArrayList<>();
    for (int index = 0; index < banks.size(); index++) {
      drivers.add(new Driver(banks.get(index), index, banks.size(), load, phases));
    }
    drivers.forEach(Driver::start);

    sleepUntil(phases.measureStart);
    Usage before = Usage.now();
    sleepUntil(phases.end);
    Usage after = Usage.now();
    phases.sampled.countDown();

    long errors = 0;
    long measured = 0;
    Histogram latency = new Histogram(HIGHEST_NANOS, 3);
    for (Driver driver : drivers) {
      if (!driver.await(TimeUnit.SECONDS.toNanos(30))) {
        System.out.printf("%s: bank %d did not get all its answers (%d sent, %d answered)%n",
            name, driver.bank.number, driver.sent, driver.received);
        errors += driver.sent - driver.received;
      }
      errors += driver.errors;
      measured += driver.measured;
      latency.add(driver.histogram);
    }
    double seconds = settings.measureSeconds;
    String inFlight = load.paced ? "-" : Integer.toString(load.window * banks.size());
    return new Result(name, banks.size(), inFlight, measured / seconds,
        load.paced ? load.totalRate : 0, latency, after.cpuPercentSince(before, phases),
        after.gcCount - before.gcCount, after.gcMillis - before.gcMillis, errors,
        after.cpuByThreadsSince(before, phases));
  }

  private static void print(List<Result> results, int cores, long endpointFailures) {
    System.out.println();
    String format = "%-32s %8s %9s %14s %8s %8s %9s %8s %7s %11s %7s%n";
    String header = String.format(Locale.ROOT, format, "run", "sessions", "in flight",
        "round trips/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "CPU %", "GC n / ms",
        "errors");
    System.out.print(header);
    System.out.println("-".repeat(header.length() - 1));
    for (Result result : results) {
      System.out.printf(Locale.ROOT, format, result.name, result.sessions, result.inFlight,
          String.format(Locale.ROOT, "%,.0f", result.roundTripsPerSecond),
          millis(result.latency.getValueAtPercentile(50)),
          millis(result.latency.getValueAtPercentile(99)),
          millis(result.latency.getValueAtPercentile(99.9)),
          millis(result.latency.getMaxValue()),
          String.format(Locale.ROOT, "%.0f", result.cpuPercent),
          result.gcCount + " / " + result.gcMillis, result.errors);
    }
    System.out.printf(Locale.ROOT,
        "(CPU %% of the %d cores during the measured part; latency from (scheduled) send to the"
            + " answer read by the bank; endpoint failures: %d)%n", cores, endpointFailures);
    System.out.println();
    System.out.println("CPU by threads during the measured part, % of one core:");
    for (Result result : results) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-32s", result.name));
      result.cpuByThreads.forEach((group, percent) ->
          line.append(String.format(Locale.ROOT, " %s %.0f,", group, percent)));
      line.setLength(line.length() - 1);
      System.out.println(line);
    }
    System.out.println();

    Result best = results.get(0).roundTripsPerSecond >= results.get(1).roundTripsPerSecond
        ? results.get(0) : results.get(1);
    Result paced = results.get(2);
    double pacedP99 = paced.latency.getValueAtPercentile(99) / 1e6;
    System.out.printf(Locale.ROOT, "Goal >= %,.0f round trips/s through the adapter: best %,.0f"
            + " (%s): %s%n", THROUGHPUT_GOAL, best.roundTripsPerSecond, best.name,
        best.roundTripsPerSecond >= THROUGHPUT_GOAL ? "MET" : "NOT MET");
    System.out.printf(Locale.ROOT, "Goal p99 <= %.1f ms at %,.0f/s: p99 %.3f ms at %,.0f/s"
            + " achieved: %s%n", P99_GOAL_MILLIS, paced.targetRate, pacedP99,
        paced.roundTripsPerSecond,
        pacedP99 <= P99_GOAL_MILLIS && paced.errors == 0 ? "MET" : "NOT MET");
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
  }

  private static void sleepUntil(long deadline) {
    for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }

  /**
   * CPU and GC at one moment, for what a measured part cost: the process, and each Java thread
   * (the ThreadMXBean's exact CPU time; the carriers of the virtual threads are among them).
   * What the process used beyond its Java threads went to the JIT compilers, GC and the VM.
   */
  private record Usage(long processCpuNanos, long gcCount, long gcMillis,
      Map<Long, ThreadCpu> threads) {

    record ThreadCpu(String group, long nanos) {}

    static final List<String> GROUPS = List.of("banks", "adapter readers (virtual-thread carriers)",
        "WorkManager", "other Java threads");

    static Usage now() {
      long gcCount = 0;
      long gcMillis = 0;
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        gcCount += Math.max(0, gc.getCollectionCount());
        gcMillis += Math.max(0, gc.getCollectionTime());
      }
      ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
      Map<Long, ThreadCpu> threads = new HashMap<>();
      for (var info : threadBean.getThreadInfo(threadBean.getAllThreadIds())) {
        if (info != null) {
          long nanos = threadBean.getThreadCpuTime(info.getThreadId());
          if (nanos >= 0) {
            threads.put(info.getThreadId(), new ThreadCpu(group(info.getThreadName()), nanos));
          }
        }
      }
      long process = ((com.sun.management.OperatingSystemMXBean)
          ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
      return new Usage(process, gcCount, gcMillis, threads);
    }

    private static String group(String threadName) {
      if (threadName.startsWith("bench-bank-")) {
        return "banks";
      }
      if (threadName.startsWith("test-work-")) {
        return "WorkManager";
      }
      if (threadName.startsWith("ForkJoinPool-") || threadName.contains("Poller")) {
        return "adapter readers (virtual-thread carriers)";
      }
      return "other Java threads";
    }

    double cpuPercentSince(Usage before, Phases phases) {
      long wall = phases.end - phases.measureStart;
      return 100.0 * (processCpuNanos - before.processCpuNanos) / wall
          / Runtime.getRuntime().availableProcessors();
    }

    Map<String, Double> cpuByThreadsSince(Usage before, Phases phases) {
      double wall = phases.end - phases.measureStart;
      Map<String, Double> byGroup = new LinkedHashMap<>();
      GROUPS.forEach(group -> byGroup.put(group, 0.0));
      long javaThreads = 0;
      for (Map.Entry<Long, ThreadCpu> entry : threads.entrySet()) {
        ThreadCpu earlier = before.threads.get(entry.getKey());
        long used = entry.getValue().nanos - (earlier == null ? 0 : earlier.nanos);
        javaThreads += used;
        byGroup.merge(entry.getValue().group, 100.0 * used / wall, Double::sum);
      }
      long rest = processCpuNanos - before.processCpuNanos - javaThreads;
      byGroup.put("JIT, GC and VM", 100.0 * Math.max(0, rest) / wall);
      return byGroup;
    }
  }

  /** A bank as the demo banks run it: a plain jPOS NACChannel with ISO87B, 2-byte length. */
  static final class Bank implements AutoCloseable {

    final int number;
    final NACChannel channel;
    private int stan;

    Bank(int number, int port) throws IOException {
      this.number = number;
      channel = new NACChannel("127.0.0.1", port, new ISO87BPackager(), null);
      channel.setTimeout(60_000);
      channel.connect();
    }

    void signOn() throws IOException, ISOException {
      channel.send(network("001"));
      ISOMsg answer = channel.receive();
      if (!"0810".equals(answer.getMTI()) || !"00".equals(answer.getString(39))) {
        throw new IllegalStateException("bank " + number + " not signed on: " + answer);
      }
    }

    ISOMsg network(String code) throws ISOException {
      ISOMsg message = new ISOMsg("0800");
      message.set(7, "1123142710");
      message.set(11, String.format("%06d", nextStan()));
      message.set(70, code);
      return message;
    }

    /** The next STAN, 1 to 999,999 then 0 again. */
    int nextStan() {
      stan = (stan + 1) % 1_000_000;
      return stan;
    }

    static ISOMsg authorization(int stan) throws ISOException {
      String number = String.format("%06d", stan);
      ISOMsg message = new ISOMsg("0100");
      message.set(2, "4111111111111111");
      message.set(3, "000000");
      message.set(4, "000000001000");
      message.set(7, "1123142710");
      message.set(11, number);
      message.set(37, "RRN000" + number);
      message.set(41, "TERM0001");
      message.set(49, "978");
      return message;
    }

    @Override
    public void close() throws IOException {
      channel.disconnect();
    }
  }

  /**
   * One bank's part in one run: a thread that sends (flat out within the window, or at the
   * scheduled times) and a thread that reads the answers and times them. When sending stops the
   * sender adds an echo test (0800/301), which the adapter answers itself, so that the reader
   * always wakes once more to see that nothing is left.
   */
  static final class Driver {

    final Bank bank;
    private final Load load;
    private final Phases phases;
    private final long interval;
    private final long offset;
    private final Semaphore window;
    private final AtomicLongArray sentAt = new AtomicLongArray(RING);
    final Histogram histogram = new Histogram(HIGHEST_NANOS, 3);
    private final Thread sender;
    private final Thread reader;
    volatile long sent;
    volatile boolean sendingDone;
    volatile long received;
    volatile long errors;
    long measured;
    private int expectedStan = -1;

    Driver(Bank bank, int index, int banks, Load load, Phases phases) {
      this.bank = bank;
      this.load = load;
      this.phases = phases;
      this.window = new Semaphore(load.window);
      if (load.paced) {
        // Each bank sends at rate / banks; the banks' schedules are spread over one interval.
        interval = TimeUnit.SECONDS.toNanos(1) * banks / load.totalRate;
        offset = interval * index / banks;
      } else {
        interval = 0;
        offset = 0;
      }
      sender = Thread.ofPlatform().daemon().name("bench-bank-" + bank.number + "-send")
          .unstarted(this::send);
      reader = Thread.ofPlatform().daemon().name("bench-bank-" + bank.number + "-read")
          .unstarted(this::read);
    }

    void start() {
      reader.start();
      sender.start();
    }

    boolean await(long timeoutNanos) throws InterruptedException {
      long deadline = System.nanoTime() + timeoutNanos;
      sender.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      reader.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      return !sender.isAlive() && !reader.isAlive() && received == sent;
    }

    private void send() {
      try {
        sleepUntil(phases.start);
        long next = phases.start + offset;
        while (true) {
          long scheduled;
          if (load.paced) {
            scheduled = next;
            next += interval;
            if (scheduled >= phases.end) {
              break;
            }
            sleepUntil(scheduled);
            window.acquire();
          } else {
            window.acquire();
            scheduled = System.nanoTime();
            if (scheduled >= phases.end) {
              window.release();
              break;
            }
          }
          int stan = bank.nextStan();
          sentAt.set(stan % RING, scheduled);
          bank.channel.send(Bank.authorization(stan));
          sent++;
        }
        sendingDone = true;
        bank.channel.send(bank.network("301"));
      } catch (IOException | ISOException | InterruptedException | RuntimeException e) {
        System.out.printf("bank %d: sending failed: %s%n", bank.number, e);
        sendingDone = true;
      }
      awaitSampled();
    }

    private void awaitSampled() {
      try {
        phases.sampled.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void read() {
      try {
        boolean echoAnswered = false;
        while (!(echoAnswered && sendingDone && received == sent)) {
          ISOMsg answer = bank.channel.receive();
          long now = System.nanoTime();
          if ("0810".equals(answer.getMTI())) {
            echoAnswered = true;
            continue;
          }
          int stan = Integer.parseInt(answer.getString(11));
          long scheduled = sentAt.get(stan % RING);
          window.release();
          if (!"0110".equals(answer.getMTI()) || !"00".equals(answer.getString(39))
              || (expectedStan >= 0 && stan != expectedStan)) {
            errors++;
          }
          expectedStan = (stan + 1) % 1_000_000;
          if (scheduled >= phases.measureStart && scheduled < phases.end) {
            histogram.recordValue(Math.min(now - scheduled, HIGHEST_NANOS));
            measured++;
          }
          received++;
        }
      } catch (IOException | ISOException | RuntimeException e) {
        System.out.printf("bank %d: reading failed: %s%n", bank.number, e);
      }
      awaitSampled();
    }
  }

  /** The activated endpoint, as the server would hand it over: one bean per delivery. */
  static final class EchoEndpointFactory implements MessageEndpointFactory {

    private final BankConnectionFactory connections;
    final LongAdder failures = new LongAdder();

    EchoEndpointFactory(BankConnectionFactory connections) {
      this.connections = connections;
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource resource) {
      return new EchoEndpoint(connections, failures);
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource resource, long timeout) {
      return createEndpoint(resource);
    }

    @Override
    public boolean isDeliveryTransacted(Method method) {
      return false;
    }

    @Override
    public String getActivationName() {
      return "benchmark-echo";
    }

    @Override
    public Class<?> getEndpointClass() {
      return EchoEndpoint.class;
    }
  }

  /**
   * The echoing MDB: answers each request with its response MTI and RC 00, on the session it
   * came from, through a connection from the adapter's connection factory, closed after use.
   */
  static final class EchoEndpoint implements MessageEndpoint, BankSessionListener {

    private final BankConnectionFactory connections;
    private final LongAdder failures;

    EchoEndpoint(BankConnectionFactory connections, LongAdder failures) {
      this.connections = connections;
      this.failures = failures;
    }

    @Override
    public void onMessage(BankMessage message) {
      IsoMessage request = message.message();
      if (!request.isRequest()) {
        return;
      }
      try (BankConnection connection = connections.getConnection()) {
        connection.send(message.bankId(), message.sessionId(),
            request.withMti(request.responseMti()).with(39, "00"));
      } catch (BankConnectorException e) {
        failures.increment();
      }
    }

    @Override
    public void onMessages(List<BankMessage> messages) {
      messages.forEach(this::onMessage);
    }

    @Override
    public BankMessageHandler directHandler() {
      return null; // every message through the container, as a bean that needs its services has them
    }

    @Override
    public void onSessionState(String bankId, String sessionId, SessionState state) {}

    @Override
    public void beforeDelivery(Method method) {}

    @Override
    public void afterDelivery() {}

    @Override
    public void release() {}
  }
}
