package dev.baton.operations.configuration;

import dev.baton.operations.InvalidConfiguration;
import dev.baton.operations.UnknownItem;
import dev.baton.operations.audit.AuditTrail;
import dev.baton.routing.ServerRole;
import dev.baton.sessions.BankSessionLoader;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * Bank sessions: read, save (insert or replace) and delete. A saved session is handed to the
 * adapter at once; a listening port that another session has, or that something on this server
 * holds, is refused on the port field before anything is written.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SessionConfiguration {

  private static final String COLUMNS =
      "id, bank_id, mode, host, port, allowed_sources, framing, packager, echo_interval_ms, idle_timeout_ms,"
          + " read_timeout_ms, max_frame_size, bad_frames_to_close, enabled";

  @Resource(lookup = "java:jboss/datasources/BatonDS")
  private DataSource dataSource;

  @EJB private BankSessionLoader loader;

  public List<SessionSettings> sessions() {
    return ConfigurationQueries.list(dataSource, "SELECT " + COLUMNS + " FROM bank_session ORDER BY bank_id, id", SessionConfiguration::read);
  }

  /** Adds the session, or replaces the one with its id, and applies it to the adapter now. */
  public SessionSettings save(SessionSettings session, String actor) throws InvalidConfiguration {
    ConfigurationRules.require(ConfigurationRules.session(session));
    try {
      ConfigurationChange.run(dataSource, actor, connection -> {
        checkAgainstConfigured(connection, session);
        upsert(connection, session);
        AuditTrail.write(connection, actor, "configuration.session.save", session.bankId() + " " + session.id(), session.toString(), "OK");
        return null;
      });
    } catch (UnknownItem e) {
      throw new IllegalStateException(e);
    }
    applyNow();
    return session;
  }

  public void delete(String id, String actor) throws UnknownItem {
    ConfigurationChange.deleteRow(dataSource, actor, "bank_session", "id", "bank_id", id, "session", "configuration.session.delete");
    applyNow();
  }

  private void applyNow() {
    if (ServerRole.ownsBankSessions()) {
      loader.reload();
    }
  }

  private static void checkAgainstConfigured(Connection connection, SessionSettings session) throws SQLException, InvalidConfiguration {
    if (!ConfigurationQueries.exists(connection, "SELECT 1 FROM bank WHERE id = ?", session.bankId())) {
      throw InvalidConfiguration.of("bankId", "no bank " + session.bankId());
    }
    String owner = ConfigurationQueries.text(connection, "SELECT bank_id FROM bank_session WHERE id = ?", session.id());
    if (owner != null && !owner.equals(session.bankId())) {
      throw InvalidConfiguration.of("id", "session " + session.id() + " belongs to bank " + owner);
    }
    if (!"LISTEN".equals(session.mode())) {
      return;
    }
    SessionSettings current = null;
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT " + COLUMNS + " FROM bank_session WHERE mode = 'LISTEN' AND port = ? AND (host = ? OR host = '0.0.0.0' OR ? = '0.0.0.0')")) {
      query.setInt(1, session.port());
      query.setString(2, session.host());
      query.setString(3, session.host());
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          SessionSettings other = read(rows);
          if (!other.id().equals(session.id())) {
            throw InvalidConfiguration.of("port", "port " + session.port() + " is in use: session " + other.id() + " of bank " + other.bankId() + " listens on it");
          }
          current = other;
        }
      }
    }
    // a port this session does not hold yet must be free on this server (its listener holds its own)
    if (current == null && ServerRole.ownsBankSessions()) {
      String busy = bindProblem(session.host(), session.port());
      if (busy != null) {
        throw InvalidConfiguration.of("port", busy);
      }
    }
  }

  private static String bindProblem(String host, int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(false);
      probe.bind(new InetSocketAddress(host, port));
      return null;
    } catch (IOException | RuntimeException e) {
      return "port " + port + " is in use on " + host + " (" + e.getMessage() + ")";
    }
  }

  private static void upsert(Connection connection, SessionSettings s) throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement(
        "INSERT INTO bank_session (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
            + " mode = EXCLUDED.mode, host = EXCLUDED.host, port = EXCLUDED.port, allowed_sources = EXCLUDED.allowed_sources,"
            + " framing = EXCLUDED.framing, packager = EXCLUDED.packager, echo_interval_ms = EXCLUDED.echo_interval_ms,"
            + " idle_timeout_ms = EXCLUDED.idle_timeout_ms, read_timeout_ms = EXCLUDED.read_timeout_ms,"
            + " max_frame_size = EXCLUDED.max_frame_size, bad_frames_to_close = EXCLUDED.bad_frames_to_close,"
            + " enabled = EXCLUDED.enabled")) {
      upsert.setString(1, s.id());
      upsert.setString(2, s.bankId());
      upsert.setString(3, s.mode());
      upsert.setString(4, s.host().trim());
      upsert.setInt(5, s.port());
      upsert.setString(6, s.allowedSources().replace(" ", ""));
      upsert.setString(7, s.framing());
      upsert.setString(8, s.packager());
      upsert.setInt(9, s.echoIntervalMs());
      upsert.setInt(10, s.idleTimeoutMs());
      upsert.setInt(11, s.readTimeoutMs());
      upsert.setInt(12, s.maxFrameSize());
      upsert.setInt(13, s.badFramesToClose());
      upsert.setBoolean(14, s.enabled());
      upsert.executeUpdate();
    }
  }

  private static SessionSettings read(ResultSet rows) throws SQLException {
    return new SessionSettings(
        rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getInt(5), rows.getString(6),
        rows.getString(7), rows.getString(8), rows.getInt(9), rows.getInt(10), rows.getInt(11), rows.getInt(12),
        rows.getInt(13), rows.getBoolean(14));
  }
}
