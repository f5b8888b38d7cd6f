package dev.baton.tms.enrolment;

import dev.baton.tms.terminal.TerminalFields;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an enrolment CSV and checks what can be checked without the database: the header, the
 * number of fields, each field's format, and serial numbers or TIDs given twice in the file.
 *
 * <p>Header (any order; {@code site}, {@code group} and {@code tags} may be left out):
 * {@code serial_number,model,tid,mid,site,group,tags}; tags are separated by {@code ;}.
 */
public final class EnrolmentFile {

  public static final List<String> REQUIRED = List.of("serial_number", "model", "tid", "mid");
  public static final List<String> OPTIONAL = List.of("site", "group", "tags");

  private final List<EnrolmentRow> rows = new ArrayList<>();
  private final List<RowProblem> problems = new ArrayList<>();
  private int dataLines;

  private EnrolmentFile() {}

  /** Reads the whole file; problems are collected, never thrown. */
  public static EnrolmentFile read(Reader source) throws IOException {
    EnrolmentFile file = new EnrolmentFile();
    try (BufferedReader reader = new BufferedReader(source, 1 << 16)) {
      file.parse(reader);
    }
    file.findDuplicates();
    return file;
  }

  /** Checks a single row given field by field (the portal's enrolment form). */
  public static EnrolmentFile of(EnrolmentRow row) {
    EnrolmentFile file = new EnrolmentFile();
    file.dataLines = 1;
    file.check(row);
    return file;
  }

  /** Rows whose fields are well formed (they may still fail against the database). */
  public List<EnrolmentRow> rows() {
    return rows;
  }

  public List<RowProblem> problems() {
    return problems;
  }

  /** Lines after the header that held a row (blank lines are not rows). */
  public int dataLines() {
    return dataLines;
  }

  private void parse(BufferedReader reader) throws IOException {
    String header = reader.readLine();
    if (header == null) {
      problems.add(new RowProblem(1, "row", "the file is empty: the first line must be the header " + String.join(",", REQUIRED)));
      return;
    }
    Map<String, Integer> columns = columns(header.startsWith("\uFEFF") ? header.substring(1) : header);
    if (columns == null) {
      return;
    }
    String line;
    int number = 1;
    while ((line = reader.readLine()) != null) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      dataLines++;
      List<String> fields;
      try {
        fields = CsvLines.split(line);
      } catch (IllegalArgumentException e) {
        problems.add(new RowProblem(number, "row", e.getMessage()));
        continue;
      }
      if (fields.size() != columns.size()) {
        problems.add(
            new RowProblem(number, "row", "has " + fields.size() + " fields, the header has " + columns.size()));
        continue;
      }
      check(
          new EnrolmentRow(
              number,
              fields.get(columns.get("serial_number")),
              fields.get(columns.get("model")),
              fields.get(columns.get("tid")).toUpperCase(Locale.ROOT),
              fields.get(columns.get("mid")).toUpperCase(Locale.ROOT),
              field(fields, columns, "site"),
              field(fields, columns, "group"),
              tags(field(fields, columns, "tags"))));
    }
  }

  private Map<String, Integer> columns(String header) {
    List<String> names;
    try {
      names = CsvLines.split(header);
    } catch (IllegalArgumentException e) {
      problems.add(new RowProblem(1, "header", e.getMessage()));
      return null;
    }
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i).toLowerCase(Locale.ROOT);
      if (!REQUIRED.contains(name) && !OPTIONAL.contains(name)) {
        problems.add(new RowProblem(1, "header", "unknown column '" + names.get(i) + "'; known: " + String.join(",", REQUIRED) + "," + String.join(",", OPTIONAL)));
        return null;
      }
      if (columns.put(name, i) != null) {
        problems.add(new RowProblem(1, "header", "column '" + name + "' appears twice"));
        return null;
      }
    }
    for (String required : REQUIRED) {
      if (!columns.containsKey(required)) {
        problems.add(new RowProblem(1, "header", "column '" + required + "' is missing"));
        return null;
      }
    }
    return columns;
  }

  private static String field(List<String> fields, Map<String, Integer> columns, String name) {
    Integer index = columns.get(name);
    return index == null ? "" : fields.get(index);
  }

  private static List<String> tags(String value) {
    return value.isEmpty() ? List.of() : Arrays.stream(value.split(";")).map(String::strip).filter(t -> !t.isEmpty()).distinct().toList();
  }

  private void check(EnrolmentRow row) {
    int before = problems.size();
    flag(row, "serial_number", TerminalFields.checkSerial(row.serialNumber()));
    flag(row, "model", TerminalFields.checkName(row.model(), true));
    flag(row, "tid", TerminalFields.checkTid(row.tid()));
    flag(row, "mid", TerminalFields.checkMid(row.mid()));
    flag(row, "site", TerminalFields.checkName(row.site(), false));
    flag(row, "group", TerminalFields.checkName(row.group(), false));
    for (String tag : row.tags()) {
      flag(row, "tags", TerminalFields.checkName(tag, true));
    }
    if (problems.size() == before) {
      rows.add(row);
    }
  }

  private void flag(EnrolmentRow row, String field, Optional<String> problem) {
    problem.ifPresent(reason -> problems.add(new RowProblem(row.line(), field, reason)));
  }

  private void findDuplicates() {
    Map<String, Integer> serials = new HashMap<>();
    Map<String, Integer> tids = new HashMap<>();
    List<EnrolmentRow> kept = new ArrayList<>(rows.size());
    for (EnrolmentRow row : rows) {
      Integer serialSeen = serials.putIfAbsent(row.serialNumber(), row.line());
      Integer tidSeen = tids.putIfAbsent(row.tid(), row.line());
      if (serialSeen != null) {
        problems.add(new RowProblem(row.line(), "serial_number", "serial number " + row.serialNumber() + " is also on line " + serialSeen));
      }
      if (tidSeen != null) {
        problems.add(new RowProblem(row.line(), "tid", "TID " + row.tid() + " is also on line " + tidSeen));
      }
      if (serialSeen == null && tidSeen == null) {
        kept.add(row);
      }
    }
    rows.clear();
    rows.addAll(kept);
  }
}
