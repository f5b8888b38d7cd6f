package dev.baton.processing.inflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class IssuerStanTest {

  @Test
  void countsUpFromOneAsSixDigits() {
    IssuerStan stan = new IssuerStan("ISS1");
    assertEquals("000001", stan.allocate(s -> false));
    assertEquals("000002", stan.allocate(s -> false));
  }

  @Test
  void formatsEveryNumberOfTheRangeAsSixDigitsWithLeadingZerosAndRefusesOthers() {
    for (int stan = 0; stan <= IssuerStan.MAX; stan++) {
      String text = IssuerStan.format(stan);
      assertEquals(6, text.length(), text);
      assertEquals(stan, Integer.parseInt(text), text);
    }
    assertEquals("000000", IssuerStan.format(0));
    assertEquals("004711", IssuerStan.format(4711));
    assertEquals("999999", IssuerStan.format(999_999));
    assertThrows(IllegalArgumentException.class, () -> IssuerStan.format(1_000_000));
    assertThrows(IllegalArgumentException.class, () -> IssuerStan.format(-1));
  }

  @Test
  void wrapsFromTheLastNumberToTheFirst() {
    IssuerStan stan = new IssuerStan("ISS1", IssuerStan.MIN, IssuerStan.MAX, 999_999);
    assertEquals("999999", stan.allocate(s -> false));
    assertEquals("000001", stan.allocate(s -> false));
  }

  @Test
  void skipsNumbersStillInFlightAcrossTheWrap() {
    Set<String> inFlight = new HashSet<>(Set.of("999999", "000001", "000003"));
    IssuerStan stan = new IssuerStan("ISS1", IssuerStan.MIN, IssuerStan.MAX, 999_998);
    List<String> given = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String next = stan.allocate(inFlight::contains);
      inFlight.add(next);
      given.add(next);
    }
    assertEquals(List.of("999998", "000002", "000004"), given);
  }

  @Test
  void staysUniqueAmongInFlightWhenTheRangeWrapsManyTimes() {
    // A range of ten with seven requests that never finish: every later number avoids them.
    Set<String> inFlight = new HashSet<>(Set.of("000001", "000002", "000004", "000005", "000006"));
    inFlight.addAll(Set.of("000008", "000009"));
    IssuerStan stan = new IssuerStan("ISS1", 1, 10, 1);
    for (int i = 0; i < 100; i++) {
      String next = stan.allocate(inFlight::contains);
      assertTrue(Set.of("000003", "000007", "000010").contains(next), next);
    }
  }

  @Test
  void refusesWhenEveryNumberIsInFlight() {
    IssuerStan stan = new IssuerStan("ISS1", 1, 3, 1);
    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> stan.allocate(s -> true));
    assertEquals("all 3 STANs towards ISS1 are in flight; no STAN is free", refused.getMessage());
  }

  @Test
  void exportedNextValueContinuesOnTheOtherNode() {
    IssuerStan onNodeA = new IssuerStan("ISS1");
    onNodeA.allocate(s -> false);
    onNodeA.allocate(s -> false);
    IssuerStans onNodeB = new IssuerStans();
    onNodeB.importNext("ISS1", onNodeA.exportNext());
    assertEquals("000003", onNodeB.forIssuer("ISS1").allocate(s -> false));
    assertEquals(4, onNodeB.exportNext("ISS1"));
  }

  @Test
  void importOutsideTheRangeIsRefused() {
    IssuerStan stan = new IssuerStan("ISS1", 1, 499_999, 1);
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> stan.importNext(500_000));
    assertEquals("STAN 500000 for ISS1 is outside its range 1..499999", refused.getMessage());
    assertEquals(1, stan.exportNext());
  }

  @Test
  void rangesOutsideSixDigitsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new IssuerStan("ISS1", 0, 10, 1));
    assertThrows(IllegalArgumentException.class, () -> new IssuerStan("ISS1", 1, 1_000_000, 1));
    assertThrows(IllegalArgumentException.class, () -> new IssuerStan("ISS1", 10, 5, 7));
    assertThrows(IllegalArgumentException.class, () -> new IssuerStan(" "));
  }

  @Test
  void narrowedRangeWrapsWithinItself() {
    IssuerStan upperHalf = new IssuerStan("ISS1", 500_000, 999_999, 999_999);
    assertEquals("999999", upperHalf.allocate(s -> false));
    assertEquals("500000", upperHalf.allocate(s -> false));
  }

  @Test
  void eachIssuerHasItsOwnSequence() {
    IssuerStans stans = new IssuerStans();
    assertSame(stans.forIssuer("ISS1"), stans.forIssuer("ISS1"));
    assertNotSame(stans.forIssuer("ISS1"), stans.forIssuer("ISS2"));
    stans.forIssuer("ISS1").allocate(s -> false);
    assertEquals("000001", stans.forIssuer("ISS2").allocate(s -> false));
  }

  @Test
  void concurrentAllocationsNeverRepeatANumberInFlight() throws Exception {
    IssuerStan stan = new IssuerStan("ISS1", 1, 5_000, 1);
    Set<String> inFlight = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        workers.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 1_000; i++) {
                    String next = stan.allocate(inFlight::contains);
                    // add() is false if another thread holds the same number: that is the bug.
                    assertTrue(inFlight.add(next), "STAN " + next + " given twice");
                  }
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(4_000, inFlight.size());
  }
}
