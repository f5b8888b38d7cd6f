package dev.baton.processing.inflight;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecordLogTest {

  private final RecordLog log = new RecordLog(2);

  @Test
  void findsARecordByEitherKeyWithItsPayloadAndMark() {
    long reference = log.append(1_000, new String[] {"ISS1|000001", "ACQ1|000042"}, bytes("context"), (byte) 1);

    assertEquals(List.of(reference), log.find(0, "ISS1|000001", 0));
    assertEquals(List.of(reference), log.find(1, "ACQ1|000042", 0));
    assertEquals(List.of(), log.find(0, "ACQ1|000042", 0), "a key is looked up in its own table only");
    assertArrayEquals(bytes("context"), log.payload(reference));
    assertEquals("ACQ1|000042", log.key(reference, 1));
    assertEquals(1, log.mark(reference));
    log.setMark(reference, (byte) 2);
    assertEquals(2, log.mark(reference));
  }

  @Test
  void aRecordWithoutOneOfItsKeysIsFoundByTheOther() {
    long reference = log.append(1_000, new String[] {"ISS1|000001", null}, bytes("reversal"), (byte) 0);

    assertNull(log.key(reference, 1));
    assertEquals(List.of(reference), log.find(0, "ISS1|000001", 0));
  }

  @Test
  void recordsSharingAKeyAreAllFoundOldestFirst() {
    long first = log.append(1_000, new String[] {"a", "slot"}, bytes("1"), (byte) 0);
    long second = log.append(1_000, new String[] {"b", "slot"}, bytes("2"), (byte) 0);

    assertEquals(List.of(first, second), log.find(1, "slot", 0));
  }

  @Test
  void aRecordIsNotFoundFromItsExpiryOnAndItsChunkIsLetGoOnceAllInItExpired() {
    long reference = log.append(1_000, new String[] {"k", "s"}, bytes("x"), (byte) 0);

    assertEquals(List.of(reference), log.find(0, "k", 999));
    assertEquals(List.of(), log.find(0, "k", 1_000));
    assertFalse(log.isLive(reference, 1_000));
    log.expire(999);
    assertEquals(1, log.size());
    log.expire(1_000);
    assertEquals(0, log.size());
    assertEquals(0, log.bytesHeld());
    assertEquals(List.of(), log.references());
  }

  @Test
  void recordsLeaveTheIndexOneByOneAsEachExpiresNotWhenTheirWholeChunkDoes() {
    log.append(1_000, new String[] {"a", "s"}, bytes("first"), (byte) 0);
    log.append(2_000, new String[] {"b", "s"}, bytes("second"), (byte) 0);

    log.expire(1_000);

    assertEquals(1, log.size(), "the first is out, the second still kept");
    assertEquals(List.of(), log.find(0, "a", 0), "out of the index, whatever the time asked");
    assertEquals(1, log.find(0, "b", 0).size());
    assertTrue(log.bytesHeld() > 0, "their chunk stays while the second lives");
    log.expire(2_000);
    assertEquals(0, log.bytesHeld());
  }

  @Test
  void aChunkLetGoLendsItsArrayToTheNextAndItsRecordsReferencesFindNothingThere() {
    long old = log.append(1_000, new String[] {"k", "s"}, bytes("first"), (byte) 0);
    long held = log.bytesHeld();
    log.expire(1_000);
    assertEquals(0, log.bytesHeld());
    assertEquals(held, log.bytesSpare());

    long next = log.append(5_000, new String[] {"k2", "s"}, bytes("second"), (byte) 1);

    assertEquals(0, log.bytesSpare(), "the spare array was taken");
    assertEquals(held, log.bytesHeld());
    assertNotEquals(old, next);
    assertFalse(log.isLive(old, 0));
    assertThrows(IllegalArgumentException.class, () -> log.payload(old));
    assertEquals(List.of(), log.find(0, "k", 0));
    assertEquals(List.of(next), log.find(0, "k2", 0));
    assertEquals(List.of(next), log.find(1, "s", 0));
    assertEquals("second", new String(log.payload(next), StandardCharsets.UTF_8));
    assertEquals(List.of(next), log.references());
  }

  @Test
  void aRemovedRecordIsNotFoundAndIsRemovedOnce() {
    long reference = log.append(1_000, new String[] {"k", "s"}, bytes("x"), (byte) 0);

    assertTrue(log.remove(reference));
    assertFalse(log.remove(reference));
    assertEquals(List.of(), log.find(0, "k", 0));
    assertEquals(List.of(), log.find(1, "s", 0));
    assertEquals(0, log.size());
  }

  @Test
  void aReferenceToALetGoRecordNamesNothing() {
    long reference = log.append(1_000, new String[] {"k", "s"}, bytes("x"), (byte) 0);
    log.expire(2_000);

    assertFalse(log.isLive(reference, 0));
    assertFalse(log.remove(reference));
    assertThrows(IllegalArgumentException.class, () -> log.payload(reference));
  }

  @Test
  void keysOfAnyTextAndPayloadsLargerThanAChunkAreKept() {
    String key = "clé|ünïcode|" + "9".repeat(300);
    byte[] large = new byte[3 << 20];
    new Random(7).nextBytes(large);
    long reference = log.append(1_000, new String[] {key, "s"}, large, (byte) 0);

    assertEquals(List.of(reference), log.find(0, key, 0));
    assertArrayEquals(large, log.payload(reference));
  }

  @Test
  void aLogIsNeededWithAtLeastOneKeyAndGivenAsManyKeysAsItHas() {
    assertThrows(IllegalArgumentException.class, () -> new RecordLog(0));
    assertThrows(IllegalArgumentException.class,
        () -> log.append(1, new String[] {"only one"}, bytes(""), (byte) 0));
  }

  /**
   * Two minutes of finished authorizations at 10,000 TPS: no table of the index holds more than a
   * small share of the keys, so an append that makes one grow rehashes that share, not all of them.
   */
  @Test
  void anIndexGrownToMoreThanAMillionKeysRehashesOnlyASmallShareOfThemAtOnce() {
    int records = 1_200_000;
    for (int i = 0; i < records; i++) {
      log.append(Long.MAX_VALUE, new String[] {"ISS1|" + i, "ACQ1|" + i}, bytes("p"), (byte) 0);
    }

    assertEquals(records, log.size());
    int largest = log.largestIndexTableSlots();
    assertTrue(largest <= 32_768, "largest table of the index has " + largest + " slots, for "
        + records + " keys (one table for all would have " + (1 << 22) + ")");
    assertEquals(1, log.find(0, "ISS1|" + (records - 1), 0).size());
    assertEquals(1, log.find(1, "ACQ1|0", 0).size());
  }

  /**
   * Hundreds of thousands of appends, removals and expiries across many chunks and table sizes,
   * checked against maps of what must be found.
   */
  @Test
  void agreesWithASimpleModelOverManyChunksRemovalsAndExpiries() {
    Random random = new Random(20261202);
    Map<String, Long> byKey = new HashMap<>();
    Map<Long, Long> expiry = new HashMap<>();
    Map<Long, String> payloads = new HashMap<>();
    List<Long> appended = new ArrayList<>();
    long now = 0;
    for (int step = 0; step < 300_000; step++) {
      now += random.nextInt(3);
      int action = random.nextInt(10);
      if (action < 7) {
        String key = "key-" + step;
        String payload = "payload-" + step + "-" + "x".repeat(random.nextInt(400));
        long reference = log.append(now + 2_000, new String[] {key, "slot-" + (step % 97)}, bytes(payload), (byte) 0);
        byKey.put(key, reference);
        expiry.put(reference, now + 2_000);
        payloads.put(reference, payload);
        appended.add(reference);
      } else if (action < 8 && !appended.isEmpty()) {
        long reference = appended.get(random.nextInt(appended.size()));
        boolean wanted = expiry.containsKey(reference) && expiry.get(reference) > now;
        boolean removed = log.remove(reference);
        if (wanted) {
          assertTrue(removed, "a record still wanted is there to remove");
        }
        assertFalse(log.isLive(reference, now));
        expiry.remove(reference);
      } else if (action < 9) {
        log.expire(now);
      } else {
        int probe = random.nextInt(step + 1);
        String key = "key-" + probe;
        Long reference = byKey.get(key);
        boolean expected = reference != null && expiry.containsKey(reference) && expiry.get(reference) > now;
        List<Long> found = log.find(0, key, now);
        assertEquals(expected ? List.of(reference) : List.of(), found, key + " at step " + step);
        if (expected) {
          assertEquals(payloads.get(reference), new String(log.payload(reference), StandardCharsets.UTF_8));
        }
      }
    }
    long end = now;
    long stillWanted = expiry.values().stream().filter(at -> at > end).count();
    log.expire(now);
    assertTrue(log.size() >= stillWanted, "nothing unexpired is let go");
    assertEquals(stillWanted, log.references().stream().filter(reference -> log.isLive(reference, end)).count());
    log.expire(now + 2_000);
    assertEquals(0, log.size());
    assertEquals(0, log.bytesHeld());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
