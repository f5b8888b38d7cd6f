package dev.baton.operations.sessions;

import dev.baton.connector.api.BankConnection;
import dev.baton.connector.api.BankConnectionFactory;
import dev.baton.connector.api.BankConnectorException;
import dev.baton.operations.UnknownItem;
import dev.baton.operations.audit.AuditTrail;
import dev.baton.sessions.BankSessionLoader;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Enables, disables and disconnects bank sessions for an operator. The change and its audit event
 * commit together; the adapter follows at once (not at the loader's next round).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SessionControl {

  @Resource(lookup = "java:jboss/datasources/BatonDS")
  private DataSource dataSource;

  @Resource(lookup = "java:/baton/BankConnectionFactory")
  private BankConnectionFactory connections;

  @EJB private BankSessionLoader loader;

  /** Lets the session run again; the adapter opens its endpoint now. */
  public void enable(String sessionId, String actor) throws UnknownItem {
    setEnabled(sessionId, true, actor);
  }

  /** Stops the session and closes its connection; it stays stopped until enabled. */
  public void disable(String sessionId, String actor) throws UnknownItem {
    setEnabled(sessionId, false, actor);
  }

  /**
   * Closes the session's current connection; the session stays configured, so a listening session
   * takes the bank's next connection and a dialing one dials again.
   */
  public void disconnect(String sessionId, String actor) throws UnknownItem {
    String bank = bankOf(sessionId);
    try (BankConnection connection = connections.getConnection()) {
      connection.remove(sessionId);
    } catch (BankConnectorException e) {
      audit(actor, "session.disconnect", bank, sessionId, e.getMessage(), "FAILED");
      throw new IllegalStateException("session " + sessionId + " not disconnected: " + e.getMessage(), e);
    }
    loader.reload();
    audit(actor, "session.disconnect", bank, sessionId, "connection closed by the operator", "OK");
  }

  private void setEnabled(String sessionId, boolean enabled, String actor) throws UnknownItem {
    String bank = bankOf(sessionId);
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement update = connection.prepareStatement("UPDATE bank_session SET enabled = ? WHERE id = ?")) {
        update.setBoolean(1, enabled);
        update.setString(2, sessionId);
        update.executeUpdate();
      }
      AuditTrail.write(connection, actor, enabled ? "session.enable" : "session.disable", bank + " " + sessionId,
          enabled ? "enabled by the operator" : "disabled by the operator", "OK");
      connection.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("session " + sessionId + " not changed: " + e.getMessage(), e);
    }
    loader.reload();
  }

  private String bankOf(String sessionId) throws UnknownItem {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement("SELECT bank_id FROM bank_session WHERE id = ?")) {
      query.setString(1, sessionId);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          throw new UnknownItem("no session " + sessionId);
        }
        return row.getString(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the configuration database did not answer: " + e.getMessage(), e);
    }
  }

  private void audit(String actor, String action, String bank, String sessionId, String detail, String outcome) {
    try (Connection connection = dataSource.getConnection()) {
      AuditTrail.write(connection, actor, action, bank + " " + sessionId, detail, outcome);
    } catch (SQLException e) {
      throw new IllegalStateException("the audit event was not written: " + e.getMessage(), e);
    }
  }
}
