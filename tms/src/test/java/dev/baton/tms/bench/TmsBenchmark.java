package dev.baton.tms.bench;

import dev.baton.launcher.StandalonePostgres;
import dev.baton.migrations.SchemaMigration;
import dev.baton.tms.TestDatabase;
import dev.baton.tms.db.TenantScope;
import dev.baton.tms.db.Transactions;
import dev.baton.tms.device.CheckIns;
import dev.baton.tms.device.Inventory;
import dev.baton.tms.enrolment.Enrolment;
import dev.baton.tms.enrolment.ImportReport;
import dev.baton.tms.terminal.FleetStructure;
import java.io.StringReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Terminal management at fleet scale, on a PostgreSQL of its own (port 15472, data under
 * {@code tms/target/bench-db}), emptied at every run:
 *
 * <ol>
 *   <li>enrols 1,000,000 terminals as ten CSV imports of 100,000 rows through the enrolment
 *       service, timing each (the goal is at most 30 s for 100,000);
 *   <li>gives every terminal a credential (set in SQL: activating a million terminals one by one
 *       is not what is measured) and a pending task for 10,000 of them;
 *   <li>checks in random terminals from many threads (terminals calling at once) for the measured period through the
 *       check-in service (credential check, inventory write, pending-task count, group commit)
 *       and prints check-ins per second and latency percentiles (the goal is at least 5,000/s).
 * </ol>
 *
 * <p>Run: {@code ./mvnw -B test -pl tms -am -Ptms-benchmark -DskipTests}. System properties:
 * {@code bench.terminals} (1000000), {@code bench.threads} (256), {@code bench.writers} (4),
 * {@code bench.seconds} (30).
 */
public final class TmsBenchmark {

  private static final String PASSWORD = "tms-benchmark-only";
  private static final int IMPORT = 100_000;

  private TmsBenchmark() {}

  public static void main(String[] args) throws Exception {
    int terminals = Integer.getInteger("bench.terminals", 1_000_000);
    int threads = Integer.getInteger("bench.threads", 256);
    int writers = Integer.getInteger("bench.writers", 4);
    int seconds = Integer.getInteger("bench.seconds", 30);
    Path home = Path.of(System.getProperty("bench.home", "target/test-db")).toAbsolutePath();
    try (StandalonePostgres postgres = StandalonePostgres.start(home, home.getParent().resolve("bench-db"), 15472, PASSWORD)) {
      DataSource db = new TestDatabase.SimpleDataSource(postgres.jdbcUrl(), "baton", PASSWORD);
      reset(db);
      SchemaMigration.migrate(db, false);
      Transactions transactions = new Transactions(db);
      TenantScope scope = fleet(db, transactions);

      System.out.printf("enrolling %,d terminals as CSV imports of %,d rows%n", terminals, IMPORT);
      Enrolment enrolment = new Enrolment(transactions);
      List<Double> importSeconds = new ArrayList<>();
      for (int from = 0; from < terminals; from += IMPORT) {
        String csv = csv(from, Math.min(IMPORT, terminals - from));
        long start = System.nanoTime();
        ImportReport report = enrolment.importCsv(scope, new StringReader(csv), false);
        double took = (System.nanoTime() - start) / 1e9;
        if (!report.complete()) {
          throw new IllegalStateException("benchmark CSV refused: " + report.problems().getFirst());
        }
        importSeconds.add(took);
        System.out.printf("  import of %,d rows (table had %,d): %.2f s%n", report.enrolled(), from, took);
      }
      credentialsAndTasks(db);
      System.out.printf("checking in %d threads, %d writers, %d s (after 5 s warm-up)%n", threads, writers, seconds);
      checkIns(db, terminals, threads, writers, seconds);
      System.out.printf("CSV import of %,d terminals: first %.2f s, slowest %.2f s (goal <= 30 s)%n", IMPORT,
          importSeconds.getFirst(), importSeconds.stream().mapToDouble(Double::doubleValue).max().orElse(0));
    }
  }

  private static void reset(DataSource db) throws SQLException {
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA public CASCADE");
      s.execute("CREATE SCHEMA public");
    }
  }

  private static TenantScope fleet(DataSource db, Transactions transactions) throws SQLException {
    long tenant;
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      var r = s.executeQuery("INSERT INTO tms_tenant (code, name) VALUES ('bench', 'Benchmark') RETURNING id");
      r.next();
      tenant = r.getLong(1);
    }
    TenantScope scope = new TenantScope(tenant, "benchmark");
    FleetStructure fleet = new FleetStructure(transactions);
    fleet.addModel(scope, "B1", "Bench", "Bench terminal");
    fleet.addGroup(scope, "pilot");
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO tms_merchant (tenant_id, mid, name) SELECT " + tenant + ", 'MID' || g, 'Merchant ' || g FROM generate_series(0, 999) g");
    }
    return scope;
  }

  private static String csv(int from, int rows) {
    StringBuilder csv = new StringBuilder(rows * 48).append("serial_number,model,tid,mid,group\n");
    for (int i = from; i < from + rows; i++) {
      csv.append("SN").append(i).append(",B1,").append(String.format("T%07d", i)).append(",MID").append(i % 1000)
          .append(',').append(i < 10_000 ? "pilot" : "").append('\n');
    }
    return csv.toString();
  }

  private static void credentialsAndTasks(DataSource db) throws SQLException {
    long start = System.nanoTime();
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO tms_terminal_credential (terminal_id, tenant_id, secret_hash) "
          + "SELECT id, tenant_id, encode(sha256(convert_to('secret-' || id, 'UTF8')), 'hex') FROM tms_terminal");
      s.executeUpdate("UPDATE tms_terminal SET status = 'ACTIVE'");
      s.executeUpdate("INSERT INTO tms_package (tenant_id, name, version, kind, sha256, size_bytes, storage_key, uploaded_by) "
          + "SELECT id, 'pay', '2', 'APPLICATION', repeat('0', 64), 0, 'bench/none', 'benchmark' FROM tms_tenant");
      s.executeUpdate("INSERT INTO tms_deployment (tenant_id, name, package_id, group_id, window_start, window_end, rollout_percent, created_by) "
          + "SELECT t.id, 'pilot', p.id, g.id, now() - interval '1 hour', now() + interval '1 day', 100, 'benchmark' "
          + "FROM tms_tenant t JOIN tms_package p ON p.tenant_id = t.id JOIN tms_group g ON g.tenant_id = t.id");
      s.executeUpdate("INSERT INTO tms_task (tenant_id, terminal_id, deployment_id, kind) "
          + "SELECT t.tenant_id, t.id, d.id, 'PACKAGE' FROM tms_terminal t JOIN tms_deployment d ON d.group_id = t.group_id");
      s.execute("VACUUM ANALYZE");
    }
    System.out.printf("credentials for every terminal, a task for the pilot group: %.1f s%n", (System.nanoTime() - start) / 1e9);
  }

  private static void checkIns(DataSource db, int terminals, int threads, int writers, int seconds) throws Exception {
    long[] firstId = new long[1];
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      var r = s.executeQuery("SELECT min(id) FROM tms_terminal");
      r.next();
      firstId[0] = r.getLong(1);
    }
    AtomicBoolean measuring = new AtomicBoolean();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong done = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    int samplesPerThread = 200_000;
    long[][] latencies = new long[threads][samplesPerThread];
    int[] counts = new int[threads];
    try (CheckIns checkIns = new CheckIns(db, writers, Thread.ofPlatform().factory())) {
      List<Thread> clients = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int me = t;
        clients.add(Thread.ofPlatform().start(() -> {
          ThreadLocalRandom random = ThreadLocalRandom.current();
          while (running.get()) {
            long id = firstId[0] + random.nextInt(terminals);
            Inventory inventory = new Inventory("fw-" + random.nextInt(3), random.nextInt(101), -50 - random.nextInt(50), "INJECTED",
                Instant.now(), Map.of("pay", "2." + random.nextInt(4), "emv", "1.0"));
            long start = System.nanoTime();
            try {
              CheckIns.Result result = checkIns.checkIn(id, "secret-" + id, inventory);
              if (measuring.get()) {
                if (!result.accepted()) {
                  refused.incrementAndGet();
                }
                done.incrementAndGet();
                if (counts[me] < samplesPerThread) {
                  latencies[me][counts[me]++] = System.nanoTime() - start;
                }
              }
            } catch (InterruptedException e) {
              return;
            }
          }
        }));
      }
      Thread.sleep(Duration.ofSeconds(5)); // warm-up: a fixed period, not a wait for a condition
      measuring.set(true);
      long start = System.nanoTime();
      Thread.sleep(Duration.ofSeconds(seconds));
      measuring.set(false);
      double elapsed = (System.nanoTime() - start) / 1e9;
      running.set(false);
      for (Thread client : clients) {
        client.join();
      }
      long[] all = new long[Arrays.stream(counts).sum()];
      int at = 0;
      for (int t = 0; t < threads; t++) {
        System.arraycopy(latencies[t], 0, all, at, counts[t]);
        at += counts[t];
      }
      Arrays.sort(all);
      System.out.printf("check-ins: %,d in %.1f s = %,.0f/s (goal >= 5,000/s); refused %d; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
          done.get(), elapsed, done.get() / elapsed, refused.get(), pct(all, 0.50), pct(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    }
  }

  private static double pct(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
  }
}
