package dev.baton.console.audit;

import java.util.List;
import java.util.stream.Collectors;

/** RFC 4180 CSV: a field with a comma, quote or line break is quoted, its quotes doubled. */
final class Csv {

  private Csv() {}

  static String line(List<?> fields) {
    return fields.stream().map(Csv::field).collect(Collectors.joining(",")) + "\r\n";
  }

  static String field(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    // a leading =, +, - or @ would make a spreadsheet run the cell as a formula
    if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }
}
