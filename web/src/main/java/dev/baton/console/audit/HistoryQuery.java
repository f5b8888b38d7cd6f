package dev.baton.console.audit;

import dev.baton.operations.audit.HistoryFilter;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The filter a person fills in on a history page: who, what, bank, and a time range as local date
 * and time ({@code 2026-11-23 08:00}); also as the query string of the CSV export.
 */
public class HistoryQuery implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private String actor;
  private String what;
  private String bank;
  private String from;
  private String to;

  /** The filter; a time that does not parse is reported by {@link #problem()}, and left out. */
  public HistoryFilter filter() {
    return new HistoryFilter(actor, what, bank, instant(from), instant(to));
  }

  /** What is wrong with the times typed, or null. */
  public String problem() {
    for (String time : new String[] {from, to}) {
      if (time != null && !time.isBlank() && instant(time) == null) {
        return "'" + time + "' is not a time: write it as 2026-11-23 08:00";
      }
    }
    return null;
  }

  /** The filter as a query string for the CSV export. */
  public String queryString() {
    Map<String, String> parts = new LinkedHashMap<>();
    parts.put("actor", actor);
    parts.put("what", what);
    parts.put("bank", bank);
    parts.put("from", from);
    parts.put("to", to);
    return parts.entrySet().stream()
        .filter(part -> part.getValue() != null && !part.getValue().isBlank())
        .map(part -> part.getKey() + "=" + URLEncoder.encode(part.getValue().trim(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  /** The filter from a CSV export's request parameters. */
  public static HistoryQuery of(Map<String, String[]> parameters) {
    HistoryQuery query = new HistoryQuery();
    query.actor = first(parameters, "actor");
    query.what = first(parameters, "what");
    query.bank = first(parameters, "bank");
    query.from = first(parameters, "from");
    query.to = first(parameters, "to");
    return query;
  }

  private static String first(Map<String, String[]> parameters, String name) {
    String[] values = parameters.get(name);
    return values == null || values.length == 0 ? null : values[0];
  }

  static Instant instant(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return LocalDateTime.parse(text.trim(), LOCAL).atZone(ZoneId.systemDefault()).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(text.trim());
      } catch (DateTimeParseException notIso) {
        return null;
      }
    }
  }

  public String getActor() { return actor; }
  public void setActor(String actor) { this.actor = actor; }
  public String getWhat() { return what; }
  public void setWhat(String what) { this.what = what; }
  public String getBank() { return bank; }
  public void setBank(String bank) { this.bank = bank; }
  public String getFrom() { return from; }
  public void setFrom(String from) { this.from = from; }
  public String getTo() { return to; }
  public void setTo(String to) { this.to = to; }
}
