package dev.baton.node;

import dev.baton.connector.api.IsoMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The last authorization answer this node sent each terminal (field 41), kept in memory and
 * written to {@code terminal_last_authorization} in one batch a second, so that terminal
 * management can show, per terminal, what the switch last carried for it and with which response
 * code. Only the newest answer per terminal is kept between writes: at thousands of answers a
 * second the database sees one row per busy terminal per second, not one per answer.
 */
public final class LastAuthorizations {

  /** One terminal's last answer. */
  public record Answer(String terminalId, long at, String mti, String responseCode) {}

  private final Map<String, Answer> pending = new ConcurrentHashMap<>();

  /**
   * Notes an answer to an acquirer when it is an authorization or financial answer (0110, 0210,
   * 0130, 0230) naming a terminal a terminal-management TID can be (8 letters or digits).
   */
  public void answered(IsoMessage answer, long at) {
    String mti = answer.mti();
    if (mti == null || mti.length() != 4 || (mti.charAt(1) != '1' && mti.charAt(1) != '2')
        || (mti.charAt(2) != '1' && mti.charAt(2) != '3')) {
      return;
    }
    String terminal = answer.field(41);
    if (terminal == null || !isTid(terminal)) {
      return;
    }
    Answer next = new Answer(terminal, at, mti, answer.field(39));
    pending.merge(terminal, next, (kept, newer) -> newer.at() >= kept.at() ? newer : kept);
  }

  /** Answers noted and not written yet. */
  public int pending() {
    return pending.size();
  }

  /** Takes what was noted since the last call; each terminal's answer is taken at most once. */
  public List<Answer> drain() {
    List<Answer> taken = new ArrayList<>(pending.size());
    for (String terminal : pending.keySet()) {
      Answer answer = pending.remove(terminal);
      if (answer != null) {
        taken.add(answer);
      }
    }
    return taken;
  }

  /**
   * Upserts {@code answers}; an older answer never replaces a newer one already there (the other
   * node may have written a later answer for the same terminal).
   */
  public static void write(DataSource dataSource, List<Answer> answers) throws SQLException {
    if (answers.isEmpty()) {
      return;
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement upsert = connection.prepareStatement(
            "INSERT INTO terminal_last_authorization (tid, at, mti, response_code) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (tid) DO UPDATE SET at = excluded.at, mti = excluded.mti, "
                + "response_code = excluded.response_code WHERE terminal_last_authorization.at <= excluded.at")) {
      for (Answer answer : answers) {
        upsert.setString(1, answer.terminalId());
        upsert.setTimestamp(2, new Timestamp(answer.at()));
        upsert.setString(3, answer.mti());
        String code = answer.responseCode();
        upsert.setString(4, code != null && code.length() == 2 ? code : null);
        upsert.addBatch();
      }
      upsert.executeBatch();
    }
  }

  private static boolean isTid(String value) {
    if (value.length() != 8) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }
}
