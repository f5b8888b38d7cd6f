package dev.baton.node;

import dev.baton.processing.bin.BinTable;
import dev.baton.processing.correction.FieldCorrections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a node reads from the configuration database: the BIN table, how each bank's messages are
 * packed, and the field corrections. Immutable; a reload replaces it whole.
 */
public record NodeConfiguration(
    BinTable bins, Map<String, BankProfile> profiles, FieldCorrections corrections) {

  public NodeConfiguration {
    Objects.requireNonNull(bins, "BIN table");
    profiles = Map.copyOf(profiles);
    Objects.requireNonNull(corrections, "field corrections");
  }

  /** Nothing configured yet: every BIN unknown, no bank known. */
  public static NodeConfiguration empty() {
    return new NodeConfiguration(BinTable.empty(), Map.of(), FieldCorrections.none());
  }

  public Optional<BankProfile> profileOf(String bankId) {
    return Optional.ofNullable(profiles.get(bankId));
  }
}
