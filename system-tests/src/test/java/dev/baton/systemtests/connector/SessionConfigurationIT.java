package dev.baton.systemtests.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import dev.baton.systemtests.Poll;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.NACChannel;
import org.jpos.iso.packager.ISO87BPackager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bank sessions come from the {@code bank_session} table: a session added there starts listening
 * on the edge without a restart, and a changed port moves it. Drives the provisioned server
 * (role edge) from outside, through its database and a jPOS bank.
 */
@ExtendWith(ArquillianExtension.class)
class SessionConfigurationIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final int FIRST_PORT = 10201;
  private static final int SECOND_PORT = 10202;

  @Deployment(testable = false)
  static WebArchive nothingBeyondBaton() {
    // the test works from outside; Arquillian wants something deployed all the same
    return ShrinkWrap.create(WebArchive.class, "session-configuration.war")
        .addAsWebInfResource(org.jboss.shrinkwrap.api.asset.EmptyAsset.INSTANCE, "beans.xml");
  }

  @AfterEach
  void removeTheTestBank() throws SQLException {
    sql("DELETE FROM bank_session WHERE bank_id = 'CFG1'");
    sql("DELETE FROM bank WHERE id = 'CFG1'");
  }

  @Test
  void sessionAddedToTheTableListensAndAChangedPortMovesItWithoutARestart() throws Exception {
    sql("INSERT INTO bank (id, name, role) VALUES ('CFG1', 'Configuration test bank', 'ACQUIRER')");
    sql("INSERT INTO bank_session (id, bank_id, mode, host, port) VALUES ('CFG1-1', 'CFG1', 'LISTEN', '127.0.0.1', " + FIRST_PORT + ")");

    Poll.until("the new session signs a bank on at port " + FIRST_PORT, PATIENCE, () -> signsOn(FIRST_PORT));

    sql("UPDATE bank_session SET port = " + SECOND_PORT + " WHERE id = 'CFG1-1'");

    Poll.until("the session moved to port " + SECOND_PORT, PATIENCE, () -> signsOn(SECOND_PORT));
    Poll.until("nothing listens at the old port any more", PATIENCE, () -> !accepts(FIRST_PORT));
  }

  private static boolean signsOn(int port) {
    NACChannel bank = new NACChannel("127.0.0.1", port, new ISO87BPackager(), null);
    try {
      bank.setTimeout(5_000);
      bank.connect();
      ISOMsg answer = JposBank.exchange(bank, JposBank.networkManagement("001"));
      assertEquals("0810", answer.getMTI());
      return "00".equals(answer.getString(39));
    } catch (IOException | org.jpos.iso.ISOException e) {
      return false;
    } finally {
      try {
        bank.disconnect();
      } catch (IOException e) {
        // the bank is gone either way
      }
    }
  }

  private static boolean accepts(int port) {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void sql(String statement) throws SQLException {
    String url = "jdbc:postgresql://127.0.0.1:" + System.getProperty("arquillian.db.port") + "/baton";
    try (Connection connection = DriverManager.getConnection(url, "baton", System.getProperty("arquillian.db.password"));
        Statement sql = connection.createStatement()) {
      sql.execute(statement);
    }
  }
}
