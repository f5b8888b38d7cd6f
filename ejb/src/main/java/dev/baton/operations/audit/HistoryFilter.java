package dev.baton.operations.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a reader of the audit log or the move history asks for; every part is optional.
 *
 * @param actor who, the exact user name
 * @param what the action (audit) or outcome (moves), as a prefix
 * @param bank a bank id: events whose subject names it, moves of that bank
 * @param from earliest time, inclusive
 * @param to latest time, exclusive
 */
public record HistoryFilter(String actor, String what, String bank, Instant from, Instant to) {

  public static HistoryFilter since(Instant from) {
    return new HistoryFilter(null, null, null, from, null);
  }

  public static HistoryFilter all() {
    return new HistoryFilter(null, null, null, null, null);
  }

  /**
   * The WHERE clause for this filter over the given columns, with its parameters in order.
   *
   * @param actorColumn the column holding who
   * @param whatColumn the column matched by prefix
   * @param bankCondition the condition naming a bank, with one {@code ?}
   * @param timeColumn the column holding when
   */
  Where where(String actorColumn, String whatColumn, String bankCondition, String timeColumn) {
    List<String> conditions = new ArrayList<>();
    List<Object> parameters = new ArrayList<>();
    if (present(actor)) {
      conditions.add(actorColumn + " = ?");
      parameters.add(actor.trim());
    }
    if (present(what)) {
      conditions.add(whatColumn + " LIKE ?");
      parameters.add(escapeLike(what.trim()) + "%");
    }
    if (present(bank)) {
      conditions.add(bankCondition);
      parameters.add(bank.trim());
    }
    if (from != null) {
      conditions.add(timeColumn + " >= ?");
      parameters.add(java.sql.Timestamp.from(from));
    }
    if (to != null) {
      conditions.add(timeColumn + " < ?");
      parameters.add(java.sql.Timestamp.from(to));
    }
    return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), parameters);
  }

  record Where(String sql, List<Object> parameters) {}

  private static boolean present(String text) {
    return text != null && !text.isBlank();
  }

  private static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
