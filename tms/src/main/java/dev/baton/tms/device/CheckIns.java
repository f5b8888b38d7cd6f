package dev.baton.tms.device;

import dev.baton.tms.credential.Secrets;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Check-ins in group commits: each caller waits until its check-in is written, but the writers
 * take whatever check-ins queued meanwhile (up to {@link #BATCH}) and write them in one
 * statement that also checks the credentials and counts each terminal's pending tasks. A fleet checking in thousands of
 * times a second then costs the database a few statements per batch, not per terminal.
 */
public final class CheckIns implements AutoCloseable {

  /** The answer to a check-in. */
  public record Result(boolean accepted, int pendingTasks) {}

  static final int BATCH = 1000;

  private static final Logger LOG = System.getLogger(CheckIns.class.getName());

  private static final String WRITE =
      "WITH r AS (SELECT * FROM unnest(?::bigint[], ?::text[], ?::text[], ?::int[], ?::int[], ?::text[], ?::bigint[], ?::text[]) "
          + "AS r (id, h, fw, bat, sig, ki, ltx, apps)), "
          + "ok AS (SELECT r.*, c.tenant_id FROM r JOIN tms_terminal_credential c ON c.terminal_id = r.id AND c.secret_hash = r.h "
          + "AND c.active), written AS ("
          + "INSERT INTO tms_terminal_checkin (terminal_id, tenant_id, at, firmware, battery_percent, signal_dbm, key_injection, "
          + "last_transaction_at, applications) "
          + "SELECT id, tenant_id, now(), fw, bat, sig, ki, to_timestamp(ltx / 1000.0), apps::jsonb FROM ok "
          + "ON CONFLICT (terminal_id) DO UPDATE SET at = excluded.at, firmware = excluded.firmware, "
          + "battery_percent = excluded.battery_percent, signal_dbm = excluded.signal_dbm, key_injection = excluded.key_injection, "
          + "last_transaction_at = excluded.last_transaction_at, applications = excluded.applications "
          + "RETURNING terminal_id) "
          + "SELECT w.terminal_id, (SELECT count(*) FROM tms_task k WHERE k.terminal_id = w.terminal_id AND " + TerminalTasks.RELEASED + ") "
          + "FROM written w";

  private record Waiting(long terminalId, String secretHash, Inventory inventory, CompletableFuture<Result> answer) {}

  private final DataSource dataSource;
  private final BlockingQueue<Waiting> queue = new LinkedBlockingQueue<>(50_000);
  private final List<Thread> writers = new ArrayList<>();
  private volatile boolean running = true;

  /**
   * @param writers how many batches may be written at once (each holds one connection)
   * @param threads where the writer threads come from (the server's managed thread factory)
   */
  public CheckIns(DataSource dataSource, int writers, ThreadFactory threads) {
    this.dataSource = dataSource;
    for (int i = 0; i < writers; i++) {
      Thread writer = threads.newThread(this::write);
      writer.setName("tms-checkin-writer-" + i);
      writer.setDaemon(true);
      this.writers.add(writer);
      writer.start();
    }
  }

  /** Records a check-in once its batch is committed; an unknown or wrong credential is refused. */
  public Result checkIn(long terminalId, String credential, Inventory inventory) throws InterruptedException {
    CompletableFuture<Result> answer = new CompletableFuture<>();
    if (!queue.offer(new Waiting(terminalId, Secrets.sha256Hex(credential), inventory, answer), 5, TimeUnit.SECONDS)) {
      throw new IllegalStateException("check-ins are queued beyond capacity; try again later");
    }
    try {
      return answer.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the check-in was not written: " + e.getCause().getMessage(), e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the check-in was not written within 30 s", e);
    }
  }

  private void write() {
    List<Waiting> batch = new ArrayList<>(BATCH);
    Connection connection = null;
    while (running) {
      try {
        Waiting first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, BATCH - 1);
        if (connection == null) {
          connection = dataSource.getConnection();
        }
        write(connection, batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (SQLException | RuntimeException e) {
        LOG.log(Level.WARNING, "a batch of " + batch.size() + " check-ins failed: " + e.getMessage());
        batch.forEach(w -> w.answer().completeExceptionally(e));
        connection = closeQuietly(connection);
      } finally {
        batch.clear();
      }
    }
    closeQuietly(connection);
  }

  private static void write(Connection connection, List<Waiting> batch) throws SQLException {
    // One row per terminal: a terminal that checked in twice within a batch is written once.
    Map<Long, Waiting> latest = new LinkedHashMap<>();
    for (Waiting w : batch) {
      latest.put(w.terminalId(), w);
    }
    int n = latest.size();
    Long[] ids = new Long[n];
    String[] hashes = new String[n];
    String[] firmware = new String[n];
    Integer[] battery = new Integer[n];
    Integer[] signal = new Integer[n];
    String[] keys = new String[n];
    Long[] lastTransaction = new Long[n];
    String[] applications = new String[n];
    int i = 0;
    for (Waiting w : latest.values()) {
      Inventory inventory = w.inventory();
      ids[i] = w.terminalId();
      hashes[i] = w.secretHash();
      firmware[i] = inventory.firmware();
      battery[i] = inventory.batteryPercent();
      signal[i] = inventory.signalDbm();
      keys[i] = inventory.keyInjection();
      lastTransaction[i] = inventory.lastTransactionAt() == null ? null : inventory.lastTransactionAt().toEpochMilli();
      applications[i] = inventory.applicationsJson();
      i++;
    }
    Map<Long, Integer> accepted = new HashMap<>(n * 2);
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      try (PreparedStatement write = connection.prepareStatement(WRITE)) {
        write.setArray(1, connection.createArrayOf("bigint", ids));
        write.setArray(2, connection.createArrayOf("text", hashes));
        write.setArray(3, connection.createArrayOf("text", firmware));
        write.setArray(4, connection.createArrayOf("int4", battery));
        write.setArray(5, connection.createArrayOf("int4", signal));
        write.setArray(6, connection.createArrayOf("text", keys));
        write.setArray(7, connection.createArrayOf("bigint", lastTransaction));
        write.setArray(8, connection.createArrayOf("text", applications));
        try (ResultSet r = write.executeQuery()) {
          while (r.next()) {
            accepted.put(r.getLong(1), r.getInt(2));
          }
        }
      }
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
    for (Waiting w : batch) {
      Integer pending = accepted.get(w.terminalId());
      // Only the hash that was written is known good; a second, different credential in the same
      // batch for the same terminal is refused.
      boolean ok = pending != null && latest.get(w.terminalId()).secretHash().equals(w.secretHash());
      w.answer().complete(new Result(ok, ok ? pending : 0));
    }
  }

  private static Connection closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.log(Level.DEBUG, "closing a failed check-in connection: " + e.getMessage());
      }
    }
    return null;
  }

  @Override
  public void close() {
    running = false;
    writers.forEach(Thread::interrupt);
    queue.forEach(w -> w.answer().completeExceptionally(new IllegalStateException("check-ins are shutting down")));
  }
}
