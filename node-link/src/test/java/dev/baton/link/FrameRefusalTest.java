package dev.baton.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Bytes that are not a frame are refused with a message saying what was wrong and in which frame
 * type, and a lying length costs no allocation.
 */
class FrameRefusalTest {

  private static final int MAX = FrameCodec.DEFAULT_MAX_FRAME_BYTES;

  @Test
  void refusesALengthOverTheMaximumBeforeAllocatingForIt() throws IOException {
    byte[] lie = frame(2_000_000_000, 0x10, new byte[] {1, 2, 3, 4});
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();

    LinkProtocolException refused = assertThrows(LinkProtocolException.class,
        () -> FrameCodec.read(input(lie), MAX));

    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertEquals("frame length 2000000000 is over the maximum of 65536 bytes",
        refused.getMessage());
    assertTrue(allocated < 1_000_000, "allocated " + allocated + " bytes for a refused frame");
  }

  @Test
  void allocatesOnlyWhatArrivesWhenALengthUnderTheMaximumIsALie() throws IOException {
    // A reader configured for huge frames still pays only for the bytes actually sent.
    byte[] lie = frame(2_000_000_000, 0x10, new byte[] {1, 2, 3, 4});
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();

    EOFException cut = assertThrows(EOFException.class,
        () -> FrameCodec.read(input(lie), Integer.MAX_VALUE));

    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertEquals("DATA frame cut short: the stream ended after 4 of its 1999999999 body bytes",
        cut.getMessage());
    assertTrue(allocated < 1_000_000, "allocated " + allocated + " bytes for 4 bytes received");
  }

  @Test
  void refusesAZeroLength() {
    assertRefused(frame(0, 0x02, new byte[0]),
        "frame length 0 is not positive: a frame holds at least its type byte");
  }

  @Test
  void refusesANegativeLength() {
    assertRefused(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x02},
        "frame length -1 is not positive: a frame holds at least its type byte");
  }

  @Test
  void refusesAnUnknownType() {
    assertRefused(frame(3, 0x7F, new byte[] {0, 0}), "unknown frame type 0x7f (frame length 3)");
  }

  @Test
  void refusesABodyTooShortForItsFields() {
    assertRefused(frame(13, 0x02, new byte[12]),
        "HEARTBEAT body too short: sentAtNanos needs 8 bytes but only 4 are left");
  }

  @Test
  void refusesABodyWithBytesLeftOver() {
    assertRefused(frame(20, 0x03, new byte[19]),
        "HEARTBEAT_ACK body has 3 bytes left over after its last field");
  }

  @Test
  void refusesAStringRunningPastTheBody() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(body);
    out.writeShort(1);
    out.writeShort(300);
    out.write("edge".getBytes());

    assertRefused(frame(1 + body.size(), 0x01, body.toByteArray()),
        "HELLO string role claims 300 bytes but only 4 are left in the body");
  }

  @Test
  void refusesAnIsoMessageRunningPastTheBody() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(body);
    out.writeLong(1);
    out.writeShort(0);
    out.writeShort(0);
    out.writeShort(0);
    out.writeLong(0);
    out.writeInt(0xFFFFFFFF);
    out.write(new byte[] {1, 2});

    assertRefused(frame(1 + body.size(), 0x10, body.toByteArray()),
        "DATA ISO message claims 4294967295 bytes but only 2 are left in the body");
  }

  @Test
  void refusesAStringThatIsNotUtf8() {
    byte[] body = {0, 1, 0, 4, 'e', 'd', 'g', 'e', 0, 2, (byte) 0xC3, (byte) 0x28};

    assertRefused(frame(1 + body.length, 0x01, body), "HELLO string name is not valid UTF-8");
  }

  @Test
  void refusesAControlCarryingAnAttributeTwice() {
    byte[] body = {0, 1, 'X', 0, 2, 0, 1, 'a', 0, 1, '1', 0, 1, 'a', 0, 1, '2'};

    assertRefused(frame(1 + body.length, 0x20, body), "CONTROL X carries attribute a twice");
  }

  @Test
  void endsCleanlyBetweenFramesAndWithEofInsideOne() {
    assertNull(readExpectingNoError(new byte[0]));
    assertThrows(EOFException.class, () -> FrameCodec.read(input(new byte[] {0, 0}), MAX),
        "inside the length");
    assertThrows(EOFException.class, () -> FrameCodec.read(input(new byte[] {0, 0, 0, 9}), MAX),
        "before the type");
    assertThrows(EOFException.class, () -> FrameCodec.read(input(frame(17, 0x02, new byte[3])),
        MAX), "inside the body");
  }

  private static Frame readExpectingNoError(byte[] bytes) {
    try {
      return FrameCodec.read(input(bytes), MAX);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void assertRefused(byte[] bytes, String message) {
    LinkProtocolException refused = assertThrows(LinkProtocolException.class,
        () -> FrameCodec.read(input(bytes), MAX));
    assertEquals(message, refused.getMessage());
  }

  /** A length prefix, a type byte and a body, with whatever length the test wants to claim. */
  private static byte[] frame(int length, int type, byte[] body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    try {
      out.writeInt(length);
      out.writeByte(type);
      out.write(body);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return bytes.toByteArray();
  }

  private static DataInputStream input(byte[] bytes) {
    return new DataInputStream(new ByteArrayInputStream(bytes));
  }
}
