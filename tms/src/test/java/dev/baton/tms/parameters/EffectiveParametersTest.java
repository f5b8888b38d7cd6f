package dev.baton.tms.parameters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EffectiveParametersTest {

  private static final List<ParameterDefinition> DEFINITIONS =
      List.of(
          new ParameterDefinition("currency", ParameterType.STRING, null, null, 3, "EUR"),
          new ParameterDefinition("tip", ParameterType.BOOLEAN, null, null, null, null),
          new ParameterDefinition("timeout", ParameterType.INTEGER, 5L, 120L, null, "30"),
          new ParameterDefinition("header", ParameterType.STRING, null, null, null, null));

  @Test
  void terminalOverridesGroupOverridesTenantOverridesDefault() {
    Map<String, EffectiveParameters.Value> effective =
        EffectiveParameters.resolve(
            DEFINITIONS,
            Map.of("tip", "false", "timeout", "45", "header", "Shop"),
            Map.of("tip", "true", "timeout", "60"),
            Map.of("timeout", "90"));
    assertEquals(
        Map.of(
            "currency", new EffectiveParameters.Value("EUR", Level.DEFAULT),
            "tip", new EffectiveParameters.Value("true", Level.GROUP),
            "timeout", new EffectiveParameters.Value("90", Level.TERMINAL),
            "header", new EffectiveParameters.Value("Shop", Level.TENANT)),
        effective);
  }

  @Test
  void leavesOutAParameterNoLevelSetsAndWithoutDefault() {
    assertEquals(
        List.of("currency", "timeout"),
        List.copyOf(EffectiveParameters.resolve(DEFINITIONS, Map.of(), Map.of(), Map.of()).keySet()));
  }

  @Test
  void diffListsChangedAddedAndRemovedValuesByName() {
    var before = EffectiveParameters.resolve(DEFINITIONS, Map.of("header", "Shop"), Map.of(), Map.of());
    var after = EffectiveParameters.resolve(DEFINITIONS, Map.of("tip", "true"), Map.of(), Map.of("timeout", "30"));
    assertEquals(
        List.of(
            new EffectiveParameters.Change("header", new EffectiveParameters.Value("Shop", Level.TENANT), null),
            new EffectiveParameters.Change("tip", null, new EffectiveParameters.Value("true", Level.TENANT))),
        EffectiveParameters.diff(before, after),
        "timeout is 30 in both (default, then terminal): no change");
  }
}
