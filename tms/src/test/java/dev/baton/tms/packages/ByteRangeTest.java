package dev.baton.tms.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ByteRangeTest {

  @Test
  void resumesFromAnOffsetToTheEnd() {
    ByteRange range = ByteRange.parse("bytes=400-", 1000).orElseThrow();
    assertEquals(new ByteRange(400, 999), range);
    assertEquals(600, range.length());
    assertEquals("bytes 400-999/1000", range.contentRange(1000));
  }

  @Test
  void clipsALastByteBeyondTheEnd() {
    assertEquals(Optional.of(new ByteRange(10, 999)), ByteRange.parse("bytes=10-5000", 1000));
  }

  @Test
  void servesASuffixRange() {
    assertEquals(Optional.of(new ByteRange(900, 999)), ByteRange.parse("bytes=-100", 1000));
  }

  @Test
  void sendsTheWholeObjectWithoutAHeaderOrWhenTheRangeCoversIt() {
    assertEquals(Optional.empty(), ByteRange.parse(null, 1000));
    assertEquals(Optional.empty(), ByteRange.parse("bytes=0-", 1000));
    assertEquals(Optional.empty(), ByteRange.parse("bytes=-5000", 1000));
  }

  @Test
  void ignoresHeadersItDoesNotServeAsAllowedByTheRfc() {
    assertEquals(Optional.empty(), ByteRange.parse("bytes=0-1,5-6", 1000), "several ranges");
    assertEquals(Optional.empty(), ByteRange.parse("items=0-1", 1000), "another unit");
    assertEquals(Optional.empty(), ByteRange.parse("bytes=abc-", 1000), "not a number");
    assertEquals(Optional.empty(), ByteRange.parse("bytes=9-3", 1000), "last before first");
    assertEquals(Optional.empty(), ByteRange.parse("bytes=99999999999999999999-", 1000), "overflow");
  }

  @Test
  void refusesARangeStartingPastTheEnd() {
    assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.parse("bytes=1000-", 1000));
    assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.parse("bytes=-0", 1000));
  }
}
