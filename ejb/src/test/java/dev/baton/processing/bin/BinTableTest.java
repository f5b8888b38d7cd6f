package dev.baton.processing.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BinTableTest {

  private final BinTable table =
      BinTable.of(Map.of("4", "ISS1", "5", "ISS2", "411111", "ISS3", "41111122", "ISS4"));

  @Test
  void longestOverlappingPrefixWins() {
    assertEquals(Optional.of("ISS4"), table.issuerFor("4111112200000001"));
    assertEquals(Optional.of("ISS3"), table.issuerFor("4111119900000001"));
  }

  @Test
  void shorterPrefixStillCoversCardsOutsideTheLongerOnes() {
    assertEquals(Optional.of("ISS1"), table.issuerFor("4000000000000002"));
    assertEquals(Optional.of("ISS2"), table.issuerFor("5100000000000008"));
  }

  @Test
  void unknownBinMatchesNothing() {
    assertEquals(Optional.empty(), table.issuerFor("6011000000000004"));
    assertEquals(Optional.empty(), BinTable.empty().issuerFor("4111111111111111"));
  }

  @Test
  void missingOrNonNumericCardMatchesNothing() {
    assertEquals(Optional.empty(), table.issuerFor(null));
    assertEquals(Optional.empty(), table.issuerFor(""));
    assertEquals(Optional.empty(), table.issuerFor("x4111111111111111"));
  }

  @Test
  void cardShorterThanALongPrefixFallsBackToAShorterOne() {
    assertEquals(Optional.of("ISS3"), table.issuerFor("4111112"));
  }

  @Test
  void elevenDigitPrefixesMatchAndLongerOnesAreRefused() {
    BinTable deep = BinTable.builder().add("4", "ISS1").add("41234567890", "ISS9").build();
    assertEquals(Optional.of("ISS9"), deep.issuerFor("4123456789012345"));
    assertEquals(Optional.of("ISS1"), deep.issuerFor("4123456789112345"));

    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class, () -> BinTable.of(Map.of("412345678901", "X")));
    assertEquals("a BIN prefix is 1 to 11 digits, not '412345678901'", refused.getMessage());
  }

  @Test
  void prefixesThatAreNotDigitsAreRefusedNamingThePrefix() {
    assertThrows(IllegalArgumentException.class, () -> BinTable.of(Map.of("", "ISS1")));
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> BinTable.of(Map.of("41a", "ISS1")));
    assertTrue(refused.getMessage().contains("'41a'"));
    assertThrows(IllegalArgumentException.class, () -> BinTable.of(Map.of("4", " ")));
  }

  @Test
  void onePrefixForTwoIssuersIsRefused() {
    BinTable.Builder builder = BinTable.builder().add("4", "ISS1");
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> builder.add("4", "ISS2"));
    assertEquals("BIN prefix 4 is given to both ISS1 and ISS2", refused.getMessage());
  }

  @Test
  void repeatedRowForTheSameIssuerCountsOnce() {
    BinTable repeated = BinTable.builder().add("4", "ISS1").add("4", "ISS1").build();
    assertEquals(1, repeated.size());
  }

  @Test
  void builtTableCannotBeChangedThroughItsBuilder() {
    BinTable.Builder builder = BinTable.builder().add("4", "ISS1");
    BinTable built = builder.build();
    assertThrows(IllegalStateException.class, () -> builder.add("5", "ISS2"));
    assertThrows(IllegalStateException.class, builder::build);
    assertEquals(Optional.empty(), built.issuerFor("5100000000000008"));
  }

  @Test
  void noRowsGiveTheEmptyTable() {
    assertSame(BinTable.empty(), BinTable.of(Map.of()));
    assertEquals(0, BinTable.empty().size());
  }
}
