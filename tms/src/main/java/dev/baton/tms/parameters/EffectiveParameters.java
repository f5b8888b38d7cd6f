package dev.baton.tms.parameters;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The values a terminal runs with: for each defined parameter, the terminal's override, else its
 * group's, else the tenant's, else the definition's default; with the level it came from.
 */
public final class EffectiveParameters {

  /** A parameter's value for one terminal and the level that set it. */
  public record Value(String value, Level from) {}

  /** A parameter whose effective value differs between two versions (null: not set there). */
  public record Change(String name, Value before, Value after) {}

  private EffectiveParameters() {}

  public static Map<String, Value> resolve(
      Collection<ParameterDefinition> definitions, Map<String, String> tenant, Map<String, String> group, Map<String, String> terminal) {
    Map<String, Value> effective = new TreeMap<>();
    for (ParameterDefinition definition : definitions) {
      String name = definition.name();
      if (terminal.containsKey(name)) {
        effective.put(name, new Value(terminal.get(name), Level.TERMINAL));
      } else if (group.containsKey(name)) {
        effective.put(name, new Value(group.get(name), Level.GROUP));
      } else if (tenant.containsKey(name)) {
        effective.put(name, new Value(tenant.get(name), Level.TENANT));
      } else if (definition.defaultValue() != null) {
        effective.put(name, new Value(definition.defaultValue(), Level.DEFAULT));
      }
    }
    return effective;
  }

  /** The parameters whose value changed from {@code before} to {@code after}, by name. */
  public static List<Change> diff(Map<String, Value> before, Map<String, Value> after) {
    TreeSet<String> names = new TreeSet<>(before.keySet());
    names.addAll(after.keySet());
    List<Change> changes = new ArrayList<>();
    for (String name : names) {
      Value was = before.get(name);
      Value is = after.get(name);
      if (!Objects.equals(was == null ? null : was.value(), is == null ? null : is.value())) {
        changes.add(new Change(name, was, is));
      }
    }
    return changes;
  }
}
