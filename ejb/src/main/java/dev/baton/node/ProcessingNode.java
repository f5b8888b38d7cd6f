package dev.baton.node;

import dev.baton.link.Frame;
import dev.baton.link.NodeLinkServer;
import dev.baton.link.ServerListener;
import dev.baton.routing.NodeId;
import dev.baton.routing.ServerRole;
import dev.baton.schedule.BeanSchedule;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Runs the {@link NodeEngine} on a processing node (roles {@code node-a}, {@code node-b}): listens
 * for the edge's node link on {@code baton.link.port} (default 7401 for A, 7402 for B), checks
 * deadlines every 20 ms, and reloads the configuration (BIN ranges, packagers, field corrections)
 * at start and every 5 seconds, so a change applies without a restart. Does nothing on the edge.
 */
@Singleton
@Startup
@DependsOn("SchemaAtStartup")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ProcessingNode {

  private static final Logger LOG = System.getLogger(ProcessingNode.class.getName());
  private static final long TICK_MILLIS = 20;

  /** The cluster's in-flight cache: contexts copied there (replication sync) and taken over. */
  @Resource(lookup = "java:jboss/infinispan/cache/baton/inflight")
  private org.infinispan.Cache<String, String> inflight;

  private InFlightStore store;

  @Resource(lookup = "java:jboss/datasources/BatonDS")
  private DataSource dataSource;

  @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
  private ManagedThreadFactory threads;

  private volatile NodeEngine engine;
  private NodeLinkServer server;
  /** The deadline sweep, on a thread of its own: a database write or read never delays it. */
  private BeanSchedule deadlines;
  /** The write of terminals' last authorizations and the configuration reload. */
  private BeanSchedule chores;
  // The rows the engine's configuration was last built from; only the reloads touch it.
  private volatile NodeConfigurationReader.Rows configured;
  private java.util.concurrent.ScheduledExecutorService moves;

  @PostConstruct
  void start() {
    Optional<NodeId> node = ServerRole.processingNode();
    if (node.isEmpty()) {
      return;
    }
    NodeLinkServer[] link = new NodeLinkServer[1];
    NodeEngine started =
        new NodeEngine(
            node.get(), frame -> link[0] != null && link[0].send(frame), Clock.systemUTC(), timing());
    store = new CacheStore(inflight);
    started.inFlightStore(store, false);
    // A thread of its own, for moves and for the replica's writes that follow a cluster answer: on
    // a scheduler shared with the deadline sweep and the write of terminals' last authorizations, a
    // move's step waited behind them, tens of milliseconds; on the cluster's answering
    // thread, a write was stored in a form the other node's reads did not find.
    // Its context class loader set to the application's as it starts: the managed factory's
    // thread, created when a cluster callback first handed it work, ran under the JGroups module's.
    moves = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(this::applicationThread);
    started.moveWorker(moves);
    // Replication sync: on busy processors the cluster writes of contexts start up to this far apart
    // (microseconds), so that fewer, fuller writes cost the traffic less; none on idle ones.
    started.writeSpacing(Math.max(0, Long.getLong("baton.inflight.sync.spacing.us", 2_000)), ProcessorLoad::busy);
    java.util.concurrent.ScheduledExecutorService worker = moves;
    started.replicaTimer((task, nanos) -> worker.schedule(task, nanos, TimeUnit.NANOSECONDS));
    // A takeover runs on a thread of its own while the link's traffic goes on; the issuer answers
    // it made wait go back to the link's delivery queue.
    started.takeOverAside(
        task -> {
          Thread thread = applicationThread(task);
          thread.setName("node-" + node.get() + "-takeover");
          thread.start();
        },
        frame -> {
          if (link[0] == null || !link[0].redeliver(frame)) {
            LOG.log(Level.WARNING, "node {0}: an issuer answer set aside during a takeover not handled: the link is"
                + " closed", node.get());
          }
        });
    Long syncWait = Long.getLong("baton.inflight.sync.wait.ms");
    started.replicationWait(syncWait == null ? null : Duration.ofMillis(syncWait));
    reload(started);
    int port = Integer.getInteger("baton.link.port", node.get() == NodeId.A ? 7401 : 7402);
    String bind = System.getProperty("baton.link.bind", "127.0.0.1");
    link[0] =
        new NodeLinkServer(
            node.get().name(),
            new InetSocketAddress(bind, port),
            65_536,
            threads,
            new ServerListener() {
              @Override
              public void onConnected(String peerName) {
                started.edgeConnected();
                LOG.log(Level.INFO, "node {0}: edge {1} connected", node.get(), peerName);
              }

              @Override
              public void onDisconnected(String peerName, String reason, boolean announced) {
                // An edge that said it was closing is stopping; one that vanished is an incident.
                LOG.log(announced ? Level.INFO : Level.WARNING, "node {0}: edge {1} disconnected: {2}", node.get(),
                    peerName, reason);
              }

              @Override
              public void onFrame(Frame frame) {
                started.onFrame(frame);
              }

              @Override
              public boolean takesAtOnce(Frame frame) {
                return NodeEngine.takesAtOnce(frame);
              }
            });
    try {
      link[0].start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "node " + node.get() + ": the node link cannot listen on " + bind + ":" + port + ": " + e.getMessage(), e);
    }
    server = link[0];
    engine = started;
    ClassLoader application = ProcessingNode.class.getClassLoader();
    deadlines = new BeanSchedule(threads, application, "node-" + node.get() + "-deadlines");
    deadlines.atFixedRate("deadline sweep", this::tick, Duration.ofMillis(TICK_MILLIS), Duration.ofMillis(TICK_MILLIS));
    chores = new BeanSchedule(threads, application, "node-" + node.get() + "-chores");
    chores.withFixedDelay("write of last authorizations", this::writeLastAuthorizations, Duration.ofSeconds(1),
        Duration.ofSeconds(1));
    chores.withFixedDelay("configuration reload", this::reloadRegularly, Duration.ofSeconds(5), Duration.ofSeconds(5));
    LOG.log(Level.INFO, "node {0}: processing, node link on {1}:{2}, in-flight replication {3}", node.get(), bind,
        Integer.toString(port), started.replicatesInFlight() ? "sync" : "none");
  }

  /**
   * The share of the machine's processors in use, as the platform's operating system bean reports
   * it (since its previous reading). Its interface is outside what a deployment links against, so
   * it is reached through the platform's class loader, once; -1 when it cannot be read.
   */
  private static final class ProcessorLoad {
    private static final java.lang.management.OperatingSystemMXBean SYSTEM =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private static final java.lang.reflect.Method CPU_LOAD = cpuLoad();

    private static java.lang.reflect.Method cpuLoad() {
      try {
        Class<?> bean = Class.forName("com.sun.management.OperatingSystemMXBean", false, ClassLoader.getPlatformClassLoader());
        java.lang.reflect.Method method = bean.getMethod("getCpuLoad");
        method.invoke(SYSTEM);
        return method;
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        LOG.log(Level.INFO, "the processors'' load cannot be read ({0}): replication writes are not spaced", e.toString());
        return null;
      }
    }

    static double busy() {
      if (CPU_LOAD == null) {
        return -1;
      }
      try {
        return ((Number) CPU_LOAD.invoke(SYSTEM)).doubleValue();
      } catch (ReflectiveOperationException | RuntimeException e) {
        return -1;
      }
    }
  }

  /** A managed thread that runs {@code task} with the application's class loader as its context's. */
  private Thread applicationThread(Runnable task) {
    return BeanSchedule.applicationThreads(threads, ProcessingNode.class.getClassLoader()).newThread(task);
  }

  @PreDestroy
  void stop() {
    if (deadlines != null) {
      deadlines.close();
    }
    if (chores != null) {
      // Waits for a write under way, so the last one below is the last.
      chores.close();
      writeLastAuthorizations();
    }
    if (server != null) {
      server.close();
    }
    if (moves != null) {
      moves.shutdown();
    }
  }

  /**
   * Every 5 seconds from the node's start, on the node's own schedule rather than at the same
   * wall-clock seconds on every server: the edge and both nodes reading the database at once made
   * a burst that the authorizations of that moment waited behind.
   */
  void reloadRegularly() {
    NodeEngine running = engine;
    if (running == null) {
      return;
    }
    try {
      reload(running);
    } catch (RuntimeException e) {
      // A failed reload must not end the schedule: the next one reads everything again.
      LOG.log(Level.ERROR, "node configuration reload failed", e);
    }
  }

  /** The engine, when this server is a processing node. */
  public Optional<NodeEngine> engine() {
    return Optional.ofNullable(engine);
  }

  private void tick() {
    try {
      engine.tick();
    } catch (RuntimeException e) {
      // A failed tick must not end the schedule: the next one checks the same deadlines again.
      LOG.log(Level.ERROR, "node deadline check failed", e);
    }
  }

  private void writeLastAuthorizations() {
    NodeEngine running = engine;
    if (running == null) {
      return;
    }
    List<LastAuthorizations.Answer> answers = running.lastAuthorizations().drain();
    try {
      LastAuthorizations.write(dataSource, answers);
    } catch (SQLException | RuntimeException e) {
      // Only what terminal management shows is late; the next answers per terminal replace these.
      LOG.log(Level.WARNING, "node {0}: {1} terminals'' last authorizations not written: {2}", running.node(),
          Integer.toString(answers.size()), e.getMessage());
    }
  }

  private void reload(NodeEngine target) {
    try {
      NodeConfigurationReader.Rows rows = NodeConfigurationReader.rows(dataSource);
      if (!rows.equals(configured)) {
        // Unchanged rows keep the configuration built from them, packagers included.
        target.configure(NodeConfigurationReader.build(rows));
        configured = rows;
      }
      boolean sync = "sync".equals(NodeConfigurationReader.setting(dataSource, "inflight.replication", "none"));
      if (sync != target.replicatesInFlight()) {
        target.inFlightStore(store, sync);
        LOG.log(Level.INFO, "node {0}: in-flight replication now {1}", target.node(),
            sync ? "sync (" + target.writeSpacing() + ")" : "none");
      }
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "node configuration not reloaded, the database did not answer: {0}", e.getMessage());
    }
  }

  /** Whether this node copies its in-flight authorizations to the cluster (replication sync). */
  public boolean replicatesInFlight() {
    NodeEngine running = engine;
    return running != null && running.replicatesInFlight();
  }

  private static NodeEngine.Timing timing() {
    NodeEngine.Timing defaults = NodeEngine.Timing.defaults();
    return new NodeEngine.Timing(
        Duration.ofMillis(Long.getLong("baton.issuer.timeout.ms", defaults.issuerTimeout().toMillis())),
        Duration.ofMillis(Long.getLong("baton.duplicate.window.ms", defaults.duplicateWindow().toMillis())),
        Duration.ofMillis(Long.getLong("baton.finished.retention.ms", defaults.finishedRetention().toMillis())));
  }

  /**
   * The in-flight cache as the engine's store: a write completes when every member has it (the
   * engine holds the issuer request until then); removals are not waited for.
   *
   * <p>Every call runs with this application's class loader as the thread's context class loader,
   * whichever thread makes it. WildFly converts a deployment cache's keys and values according to
   * that loader: an entry written under another one (the node's worker thread was found running
   * under the JGroups module's) was not found by the other node's reads under the application's,
   * and a takeover lost every context in it.
   */
  private static final class CacheStore implements InFlightStore {

    private final org.infinispan.Cache<String, String> cache;
    private final java.util.Set<String> foreignThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /**
     * The cache behind the injected one, looked up once: the injected cache looks it up in its
     * container at every {@code getAdvancedCache()}; once per write, that was a twentieth of a
     * node's profile samples under load with replication sync.
     */
    private volatile org.infinispan.AdvancedCache<String, String> advanced;

    CacheStore(org.infinispan.Cache<String, String> cache) {
      this.cache = cache;
    }

    private org.infinispan.AdvancedCache<String, String> advanced() {
      org.infinispan.AdvancedCache<String, String> found = advanced;
      if (found == null) {
        found = cache.getAdvancedCache();
        advanced = found;
      }
      return found;
    }

    private org.infinispan.distribution.DistributionManager distribution() {
      return advanced().getDistributionManager();
    }

    /** The key as the cache stores (and hashes) it; looked up on first use. */
    private volatile java.util.function.UnaryOperator<Object> storageForm;

    private Object stored(String key) {
      java.util.function.UnaryOperator<Object> form = storageForm;
      if (form == null) {
        form = storageForm();
        storageForm = form;
      }
      return form.apply(key);
    }

    /**
     * How the cache converts a key to the form it stores and places by: WildFly gives a deployment
     * the cache through a converting view, and the conversion's class lies outside what the
     * deployment may link against, so it is reached by reflection. Without it, a key is placed as
     * written.
     */
    private java.util.function.UnaryOperator<Object> storageForm() {
      try {
        Object conversion = org.infinispan.AdvancedCache.class.getMethod("getKeyDataConversion").invoke(advanced());
        java.lang.reflect.Method toStorage = conversion.getClass().getMethod("toStorage", Object.class);
        LOG.log(Level.INFO, "in-flight cache: keys are placed in their stored form ({0})", conversion);
        return key -> {
          try {
            return toStorage.invoke(conversion, key);
          } catch (ReflectiveOperationException e) {
            return key;
          }
        };
      } catch (ReflectiveOperationException | RuntimeException e) {
        LOG.log(Level.INFO, "in-flight cache: the stored form of keys is unknown ({0}); keys are placed as written",
            e.toString());
        return key -> key;
      }
    }

    private <T> T asApplication(java.util.function.Supplier<T> call) {
      Thread thread = Thread.currentThread();
      ClassLoader before = thread.getContextClassLoader();
      ClassLoader application = ProcessingNode.class.getClassLoader();
      if (before == application) {
        return call.get();
      }
      String name = thread.getName().replaceAll("\\d+", "#");
      if (foreignThreads.add(name)) {
        LOG.log(Level.INFO, "in-flight cache used from thread {0} with context class loader {1}: the call runs"
            + " under the application''s", thread.getName(), String.valueOf(before));
      }
      thread.setContextClassLoader(application);
      try {
        return call.get();
      } finally {
        thread.setContextClassLoader(before);
      }
    }

    @Override
    public java.util.concurrent.CompletionStage<?> put(String key, String value) {
      return asApplication(() -> advanced().putAsync(key, value));
    }

    @Override
    public java.util.concurrent.CompletionStage<?> remove(String key) {
      return asApplication(() -> cache.removeAsync(key));
    }

    @Override
    public java.util.concurrent.CompletionStage<?> putAll(java.util.Map<String, String> entries, long lifespanMillis) {
      return asApplication(() -> advanced().putAllAsync(entries, lifespanMillis, java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    @Override
    public boolean ownsFirst(String key) {
      org.infinispan.distribution.DistributionManager distribution = distribution();
      return distribution == null || distribution.getCacheTopology().getDistribution(stored(key)).isPrimary();
    }

    @Override
    public java.util.concurrent.CompletionStage<String> take(String key) {
      return asApplication(() -> cache.removeAsync(key));
    }

    @Override
    public java.util.concurrent.CompletionStage<String> putIfAbsent(String key, String value) {
      return asApplication(() -> advanced().putIfAbsentAsync(key, value));
    }

    @Override
    public java.util.concurrent.CompletionStage<String> claim(String key, String marker, long lifespanMillis) {
      return asApplication(() -> advanced().putAsync(key, marker, lifespanMillis, java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    @Override
    public java.util.concurrent.CompletionStage<Boolean> claimIf(String key, String expected, String marker,
        long lifespanMillis) {
      org.infinispan.AdvancedCache<String, String> notWaiting = ownsFirst(key) ? backupsNotAwaited() : null;
      // Decided here when this member is the key's first owner; the other owner is told without
      // waiting for it (were this member to die first, that owner still has what it held).
      org.infinispan.AdvancedCache<String, String> deciding = notWaiting == null ? advanced() : notWaiting;
      return asApplication(() -> deciding.replaceAsync(key, expected, marker, lifespanMillis,
          java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    @Override
    public java.util.concurrent.CompletionStage<String> peek(String key) {
      return asApplication(() -> cache.getAsync(key));
    }

    /** The cache with Infinispan's FORCE_ASYNCHRONOUS flag (empty when it cannot be had); null until first looked up. */
    private volatile java.util.Optional<org.infinispan.AdvancedCache<String, String>> flaggedNotAwaiting;

    /**
     * The flag's class lies outside what WildFly's {@code org.infinispan} module lets a deployment
     * link against (a direct reference failed with NoClassDefFoundError), so it is reached through
     * the cache's own class loader, once.
     */
    @SuppressWarnings("unchecked")
    private org.infinispan.AdvancedCache<String, String> backupsNotAwaited() {
      java.util.Optional<org.infinispan.AdvancedCache<String, String>> found = flaggedNotAwaiting;
      if (found == null) {
        try {
          org.infinispan.AdvancedCache<String, String> cache = advanced();
          Class<?> flag = Class.forName("org.infinispan.context.Flag", false, cache.getClass().getClassLoader());
          Object flags = java.lang.reflect.Array.newInstance(flag, 1);
          java.lang.reflect.Array.set(flags, 0, flag.getField("FORCE_ASYNCHRONOUS").get(null));
          found = java.util.Optional.of((org.infinispan.AdvancedCache<String, String>)
              org.infinispan.AdvancedCache.class.getMethod("withFlags", flags.getClass()).invoke(cache, flags));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
          LOG.log(Level.INFO, "in-flight cache: a move's entry is taken waiting for both owners ({0})", e.toString());
          found = java.util.Optional.empty();
        }
        flaggedNotAwaiting = found;
      }
      return found.orElse(null);
    }

    /**
     * Waits until the member has left the cluster's view and the in-flight cache's own topology
     * (installed a little after the view: until then the cache still counts the member an owner).
     */
    @Override
    public boolean awaitLeft(String node, Duration within) {
      String member = "node-" + node.toLowerCase(java.util.Locale.ROOT);
      long deadline = System.nanoTime() + within.toNanos();
      while (cache.getCacheManager().getMembers().stream().anyMatch(address -> member.equals(address.toString()))
          || cacheMembers().stream().anyMatch(address -> member.equals(address.toString()))) {
        if (System.nanoTime() - deadline > 0) {
          return false;
        }
        java.util.concurrent.locks.LockSupport.parkNanos(5_000_000); // polling the view, with a deadline
      }
      return true;
    }

    private java.util.List<org.infinispan.remoting.transport.Address> cacheMembers() {
      org.infinispan.distribution.DistributionManager distribution = distribution();
      return distribution == null ? java.util.List.of() : distribution.getCacheTopology().getMembers();
    }

    @Override
    public String topology() {
      org.infinispan.distribution.DistributionManager distribution = cache.getAdvancedCache().getDistributionManager();
      if (distribution == null) {
        return "view " + cache.getCacheManager().getMembers();
      }
      org.infinispan.distribution.LocalizedCacheTopology topology = distribution.getCacheTopology();
      return "view " + cache.getCacheManager().getMembers() + ", in-flight cache topology "
          + topology.getTopologyId() + " " + topology.getMembers();
    }

    @Override
    public String probe(String key) {
      StringBuilder found = new StringBuilder();
      Thread thread = Thread.currentThread();
      ClassLoader before = thread.getContextClassLoader();
      java.util.Map<String, ClassLoader> loaders = new java.util.LinkedHashMap<>();
      loaders.put("the application's", ProcessingNode.class.getClassLoader());
      loaders.put("the cache's", cache.getClass().getClassLoader());
      loaders.put("none", null);
      loaders.forEach((name, loader) -> {
        thread.setContextClassLoader(loader);
        try {
          found.append(found.isEmpty() ? "" : ", ").append(name).append(": ")
              .append(cache.get(key) == null ? "not found" : "found");
        } catch (RuntimeException e) {
          found.append(found.isEmpty() ? "" : ", ").append(name).append(": ").append(e);
        } finally {
          thread.setContextClassLoader(before);
        }
      });
      return key + " read under each context class loader: " + found;
    }

    /**
     * One read per key, all issued at once (a read by key goes through WildFly's value conversion
     * correctly, a walk over the cache does not).
     */
    @Override
    public java.util.Map<String, String> getAll(java.util.Set<String> keys) {
      java.util.Map<String, java.util.concurrent.CompletableFuture<String>> reads = new java.util.LinkedHashMap<>();
      asApplication(() -> {
        keys.forEach(key -> reads.put(key, cache.getAsync(key)));
        return null;
      });
      java.util.Map<String, String> found = new java.util.LinkedHashMap<>();
      reads.forEach((key, read) -> {
        String value = read.join();
        if (value != null) {
          found.put(key, value);
        }
      });
      return found;
    }
  }
}
