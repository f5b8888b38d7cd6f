package dev.baton.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.connector.api.IsoMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class DuplicateDetectorTest {

  private final DuplicateDetector detector = new DuplicateDetector(Duration.ofSeconds(30));

  private static IsoMessage request(String stan) {
    return IsoMessage.of("0100").with(7, "0612143000").with(11, stan).with(37, "RRN" + stan);
  }

  @Test
  void sameAcquirerStanTimeAndRrnWithinTheWindowIsADuplicate() {
    assertFalse(detector.isDuplicate("ACQ1", request("000001"), 1_000));
    assertTrue(detector.isDuplicate("ACQ1", request("000001"), 30_999));
  }

  @Test
  void sameRequestAfterTheWindowIsNew() {
    assertFalse(detector.isDuplicate("ACQ1", request("000001"), 1_000));
    assertFalse(detector.isDuplicate("ACQ1", request("000001"), 31_000));
  }

  @Test
  void anotherAcquirerOrAnotherKeyFieldIsNoDuplicate() {
    assertFalse(detector.isDuplicate("ACQ1", request("000001"), 1_000));
    assertFalse(detector.isDuplicate("ACQ2", request("000001"), 1_001));
    assertFalse(detector.isDuplicate("ACQ1", request("000001").with(7, "0612143001"), 1_002));
    assertFalse(detector.isDuplicate("ACQ1", request("000001").with(37, "OTHER"), 1_003));
    assertFalse(detector.isDuplicate("ACQ1", request("000002"), 1_004));
  }

  @Test
  void reversalRepeatingItsOriginalsFieldsIsNoDuplicateOfIt() {
    assertFalse(detector.isDuplicate("ACQ1", request("000001"), 1_000));
    assertFalse(detector.isDuplicate("ACQ1", request("000001").withMti("0400"), 2_000));
    assertTrue(detector.isDuplicate("ACQ1", request("000001").withMti("0400"), 3_000));
  }

  @Test
  void memoryIsBoundedByForgettingWhatLeftTheWindow() {
    for (int i = 0; i < 1_000; i++) {
      detector.isDuplicate("ACQ1", request(String.format("%06d", i)), i);
    }
    assertEquals(1_000, detector.size());
    detector.isDuplicate("ACQ1", request("999999"), 60_000);
    assertEquals(1, detector.size());
  }

  @Test
  void ofIdenticalRequestsArrivingTogetherExactlyOneIsTheOriginal() throws Exception {
    int racers = 4;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    List<Future<Boolean>> verdicts = new ArrayList<>();
    try {
      for (int i = 0; i < racers; i++) {
        verdicts.add(
            pool.submit(
                () -> {
                  start.await();
                  return detector.isDuplicate("ACQ1", request("000001"), 1_000);
                }));
      }
      start.countDown();
      int originals = 0;
      for (Future<Boolean> verdict : verdicts) {
        originals += verdict.get() ? 0 : 1;
      }
      assertEquals(1, originals);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void windowMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new DuplicateDetector(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> new DuplicateDetector(null));
  }
}
