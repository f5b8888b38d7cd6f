package dev.baton.processing.correction;

import dev.baton.connector.api.IsoMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every bank's correction rules, by direction, in the order they apply. Immutable: a change of
 * rules builds a new set, which the caller swaps in whole, so a message is never corrected by half
 * of an edit.
 */
public final class FieldCorrections {

  private record Scope(String bankId, Direction direction) {}

  private static final FieldCorrections NONE = new FieldCorrections(Map.of());

  private final Map<Scope, List<FieldCorrectionRule>> rules;

  private FieldCorrections(Map<Scope, List<FieldCorrectionRule>> rules) {
    this.rules = rules;
  }

  /** No rules for any bank. */
  public static FieldCorrections none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code message} with {@code bankId}'s rules for {@code direction} applied in order. */
  public IsoMessage apply(String bankId, Direction direction, IsoMessage message) {
    IsoMessage corrected = message;
    for (FieldCorrectionRule rule : rulesFor(bankId, direction)) {
      corrected = rule.apply(corrected);
    }
    return corrected;
  }

  /** {@code bankId}'s rules for {@code direction}, in order; empty when it has none. */
  public List<FieldCorrectionRule> rulesFor(String bankId, Direction direction) {
    return rules.getOrDefault(new Scope(bankId, direction), List.of());
  }

  /** Collects rules; each {@link #add} appends to its bank's and direction's list. */
  public static final class Builder {
    private final Map<Scope, List<FieldCorrectionRule>> rules = new HashMap<>();

    private Builder() {}

    public Builder add(String bankId, Direction direction, FieldCorrectionRule rule) {
      if (bankId == null || bankId.isBlank()) {
        throw new IllegalArgumentException("a correction rule belongs to a bank");
      }
      Objects.requireNonNull(direction, "a correction rule has a direction, INBOUND or OUTBOUND");
      Objects.requireNonNull(rule, "rule");
      rules.computeIfAbsent(new Scope(bankId, direction), scope -> new ArrayList<>()).add(rule);
      return this;
    }

    public FieldCorrections build() {
      Map<Scope, List<FieldCorrectionRule>> frozen = new HashMap<>();
      rules.forEach((scope, list) -> frozen.put(scope, List.copyOf(list)));
      return new FieldCorrections(Map.copyOf(frozen));
    }
  }
}
