package dev.baton.sessions;

import dev.baton.connector.api.BankConnection;
import dev.baton.connector.api.BankConnectionFactory;
import dev.baton.connector.api.BankConnectorException;
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
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * On the edge, keeps the adapter's bank sessions equal to the {@code bank_session} table: at
 * start and every few seconds after, so a new bank or a changed port applies without a restart.
 * Sessions whose settings did not change are left running (the adapter compares them); a row
 * the adapter refuses is logged and the others still apply.
 */
@Singleton
@Startup
@DependsOn("SchemaAtStartup")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BankSessionLoader {

  private static final Logger LOG = System.getLogger(BankSessionLoader.class.getName());

  private static final String QUERY =
      "SELECT s.id, s.bank_id, b.role, s.mode, s.host, s.port, s.allowed_sources, s.framing, s.packager,"
          + " s.echo_interval_ms, s.idle_timeout_ms, s.read_timeout_ms, s.max_frame_size, s.bad_frames_to_close,"
          + " s.enabled AND b.enabled FROM bank_session s JOIN bank b ON b.id = s.bank_id ORDER BY s.id";

  @Resource(lookup = "java:jboss/datasources/BatonDS")
  private DataSource dataSource;

  @Resource(lookup = "java:/baton/BankConnectionFactory")
  private BankConnectionFactory connections;

  // The sessions running, with the row each was last applied from; guarded by this bean's lock.
  private final Map<String, SessionRow> applied = new HashMap<>();
  private static final int FULL_RELOAD_EVERY = 12;
  private int regularReloads;
  private BeanSchedule reloader;

  @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
  private ManagedThreadFactory threads;

  @PostConstruct
  void start() {
    if (ServerRole.ownsBankSessions()) {
      reload();
      reloader = new BeanSchedule(threads, BankSessionLoader.class.getClassLoader(), "bank-sessions-reload");
      reloader.withFixedDelay("bank sessions reload", this::reloadRegularly, Duration.ofSeconds(5), Duration.ofSeconds(5));
    }
  }

  @PreDestroy
  void stop() {
    if (reloader != null) {
      reloader.close();
    }
  }

  /**
   * Every 5 seconds from the start, on the bean's own schedule: a calendar timer fired at the same
   * wall-clock instant as the other servers' work, and that instant's authorizations waited.
   */
  private void reloadRegularly() {
    try {
      // Rows unchanged since they were applied are skipped (the adapter would rebuild their
      // packagers only to find nothing changed); once a minute every row is applied again.
      apply(++regularReloads % FULL_RELOAD_EVERY == 0);
    } catch (RuntimeException e) {
      // A failed reload must not end the schedule.
      LOG.log(Level.ERROR, "bank sessions not reloaded", e);
    }
  }

  /** Applies the table to the adapter now; returns how many sessions run. */
  public int reload() {
    return apply(true);
  }

  private synchronized int apply(boolean everyRow) {
    List<SessionRow> rows;
    try {
      rows = read();
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "bank sessions not reloaded, the database did not answer: {0}", e.getMessage());
      return applied.size();
    }
    try (BankConnection connection = connections.getConnection()) {
      Set<String> wanted = new HashSet<>();
      for (SessionRow row : rows) {
        if (row.enabled()) {
          wanted.add(row.sessionId());
          if (everyRow || !row.equals(applied.get(row.sessionId()))) {
            apply(connection, row);
          }
        }
      }
      for (String gone : new ArrayList<>(applied.keySet())) {
        if (!wanted.contains(gone)) {
          connection.remove(gone);
          applied.remove(gone);
          LOG.log(Level.INFO, "session {0} stopped: removed or disabled in the configuration", gone);
        }
      }
    } catch (BankConnectorException e) {
      LOG.log(Level.WARNING, "bank sessions not reloaded, the adapter refused: {0}", e.getMessage());
    }
    return applied.size();
  }

  private void apply(BankConnection connection, SessionRow row) {
    try {
      connection.configure(row.settings());
      if (applied.put(row.sessionId(), row) == null) {
        LOG.log(Level.INFO, "bank {0} session {1} configured: {2} {3}:{4}", row.bankId(), row.sessionId(), row.mode(), row.host(), Integer.toString(row.port()));
      }
    } catch (BankConnectorException | RuntimeException e) {
      LOG.log(Level.WARNING, "bank {0} session {1} not applied: {2}", row.bankId(), row.sessionId(), e.getMessage());
    }
  }

  private List<SessionRow> read() throws SQLException {
    List<SessionRow> rows = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(QUERY)) {
      while (result.next()) {
        rows.add(
            new SessionRow(
                result.getString(1), result.getString(2), result.getString(3), result.getString(4),
                result.getString(5), result.getInt(6), result.getString(7), result.getString(8),
                result.getString(9), result.getInt(10), result.getInt(11), result.getInt(12),
                result.getInt(13), result.getInt(14), result.getBoolean(15)));
      }
    }
    return rows;
  }
}
