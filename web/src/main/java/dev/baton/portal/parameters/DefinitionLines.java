package dev.baton.portal.parameters;

import dev.baton.tms.db.InvalidInput;
import dev.baton.tms.parameters.ParameterDefinition;
import dev.baton.tms.parameters.ParameterType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A new profile's parameters as the operator types them, one a line:
 * {@code NAME TYPE [MIN..MAX] [max LENGTH] [= DEFAULT]}, for example {@code timeout INTEGER 5..120
 * = 30}, {@code header STRING max 40 = Welcome}, {@code tip BOOLEAN = false}. Blank lines and
 * lines starting with {@code #} are skipped.
 */
public final class DefinitionLines {

  private static final Pattern LINE = Pattern.compile(
      "([A-Za-z][A-Za-z0-9_.\\-]{0,63})\\s+(STRING|INTEGER|BOOLEAN)(?:\\s+(-?\\d+)?\\.\\.(-?\\d+)?)?(?:\\s+max\\s+(\\d+))?(?:\\s*=\\s*(.*))?",
      Pattern.CASE_INSENSITIVE);

  private DefinitionLines() {}

  /** @throws InvalidInput on field {@code parameters}, naming the first line that is not a definition */
  public static List<ParameterDefinition> parse(String text) {
    List<ParameterDefinition> definitions = new ArrayList<>();
    String[] lines = text == null ? new String[0] : text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        throw new InvalidInput("parameters", "line " + (i + 1) + " '" + line + "' is not NAME TYPE [MIN..MAX] [max LENGTH] [= DEFAULT]");
      }
      ParameterType type = ParameterType.valueOf(m.group(2).toUpperCase(Locale.ROOT));
      definitions.add(new ParameterDefinition(m.group(1), type, number(m.group(3)), number(m.group(4)),
          m.group(5) == null ? null : Integer.valueOf(m.group(5)), m.group(6) == null ? null : m.group(6).strip()));
    }
    if (definitions.isEmpty()) {
      throw new InvalidInput("parameters", "a profile needs at least one parameter");
    }
    return definitions;
  }

  private static Long number(String digits) {
    return digits == null ? null : Long.valueOf(digits);
  }
}
