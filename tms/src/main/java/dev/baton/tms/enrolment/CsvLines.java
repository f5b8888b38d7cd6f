package dev.baton.tms.enrolment;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line (RFC 4180: comma-separated, fields optionally in double quotes, a quote
 * inside quotes doubled). A field never spans lines: terminal data has no line breaks.
 */
public final class CsvLines {

  private CsvLines() {}

  /**
   * The fields of {@code line}, trimmed of surrounding blanks.
   *
   * @throws IllegalArgumentException when a quote is not closed or text follows a closing quote
   */
  public static List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    int n = line.length();
    while (true) {
      while (i < n && line.charAt(i) == ' ') {
        i++;
      }
      if (i < n && line.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= n) {
            throw new IllegalArgumentException("a quoted field is not closed");
          }
          char c = line.charAt(i++);
          if (c == '"') {
            if (i < n && line.charAt(i) == '"') {
              field.append('"');
              i++;
            } else {
              break;
            }
          } else {
            field.append(c);
          }
        }
        while (i < n && line.charAt(i) == ' ') {
          i++;
        }
        if (i < n && line.charAt(i) != ',') {
          throw new IllegalArgumentException("text after a closing quote at column " + (i + 1));
        }
        fields.add(field.toString());
      } else {
        int comma = line.indexOf(',', i);
        int end = comma < 0 ? n : comma;
        fields.add(line.substring(i, end).strip());
        i = end;
      }
      field.setLength(0);
      if (i >= n) {
        return fields;
      }
      i++; // the comma
      if (i == n) {
        fields.add("");
        return fields;
      }
    }
  }
}
