package dev.baton.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.baton.link.Frame.Control;
import dev.baton.link.Frame.Data;
import dev.baton.link.Frame.Heartbeat;
import dev.baton.link.Frame.HeartbeatAck;
import dev.baton.link.Frame.Hello;
import dev.baton.link.Frame.Refused;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every frame type survives a write and a read, byte layouts are the documented ones. */
class FrameCodecTest {

  private static final int MAX = FrameCodec.DEFAULT_MAX_FRAME_BYTES;

  @Test
  void roundTripsEveryFrameType() throws IOException {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("bank", "ACQ1");
    attributes.put("session", "ACQ1-1");
    attributes.put("state", "SIGNED_ON");
    List<Frame> frames = List.of(
        new Hello(1, "edge", "edge"),
        new Heartbeat(1, System.nanoTime()),
        new HeartbeatAck(Long.MAX_VALUE, Long.MIN_VALUE),
        new Data(42, "ACQ1", "ACQ1-1", "000123", 1_750_000_000_000L, new byte[] {0x01, 0x00, 7}),
        new Refused(42, "ISS1", "000124", "no signed-on session"),
        new Control("SESSION", attributes),
        new Control("SESSIONS-COMPLETE"));

    for (Frame frame : frames) {
      assertEquals(frame, roundTrip(frame), () -> "round trip of " + frame);
    }
  }

  @Test
  void roundTripsEmptyAndNonAsciiStrings() throws IOException {
    Data data = new Data(0, "Bancă Ünïcødé €", "", "", 0, new byte[] {9});
    Refused refused = new Refused(-1, "", "", "");
    Control control = new Control("", Map.of("név", "日本語 ✓ 𝄞"));
    Hello hello = new Hello(0xFFFF, "", "Zürich");

    assertEquals(data, roundTrip(data));
    assertEquals(refused, roundTrip(refused));
    assertEquals(control, roundTrip(control));
    assertEquals(hello, roundTrip(hello));
  }

  @Test
  void writesStringsAsRealUtf8WithAByteCount() {
    // "é" is 2 bytes of UTF-8; writeUTF's modified UTF-8 would differ for "𝄞" (4 bytes, not 6).
    byte[] encoded = FrameCodec.encode(new Hello(1, "é", "𝄞"));

    assertEquals("0000000d" + "01" + "0001" + "0002c3a9" + "0004f09d849e",
        HexFormat.of().formatHex(encoded));
  }

  @Test
  void laysOutDataAsDocumented() {
    byte[] encoded = FrameCodec.encode(new Data(0x0102, "B", "", "K", 0x0A0B, new byte[] {
        (byte) 0xAA, (byte) 0xBB}));

    assertEquals("0000001f" + "10" + "0000000000000102" + "000142" + "0000" + "00014b"
        + "0000000000000a0b" + "00000002" + "aabb", HexFormat.of().formatHex(encoded));
  }

  @Test
  void keepsControlAttributesInTheirOrder() throws IOException {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (String name : List.of("zeta", "alpha", "mu", "beta")) {
      attributes.put(name, name.toUpperCase());
    }

    Control read = (Control) roundTrip(new Control("SESSION", attributes));

    assertEquals(List.of("zeta", "alpha", "mu", "beta"), List.copyOf(read.attributes().keySet()));
  }

  @Test
  void roundTripsAnEmptyIsoMessage() throws IOException {
    Data empty = new Data(7, "ACQ1", "ACQ1-1", "", 0, new byte[0]);

    Data read = (Data) roundTrip(empty);

    assertEquals(0, read.isoLength());
    assertEquals(empty, read);
  }

  @Test
  void roundTripsADataFrameOfExactlyTheMaximumLength() throws IOException {
    Data max = dataOfFrameLength(MAX);
    byte[] encoded = FrameCodec.encode(max);
    assertEquals(MAX, encoded.length - 4, "the frame length is the maximum");

    Data read = (Data) FrameCodec.read(input(encoded), MAX);

    assertArrayEquals(max.iso(), read.iso());
  }

  @Test
  void refusesADataFrameOneByteOverTheMaximum() {
    byte[] encoded = FrameCodec.encode(dataOfFrameLength(MAX + 1));

    LinkProtocolException refused = assertThrows(LinkProtocolException.class,
        () -> FrameCodec.read(input(encoded), MAX));
    assertEquals("frame length 65537 is over the maximum of 65536 bytes", refused.getMessage());
  }

  @Test
  void readsFramesBackToBackAndNullAtTheEnd() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    for (int i = 1; i <= 3; i++) {
      FrameCodec.write(out, new Heartbeat(i, i * 10L));
    }
    DataInputStream in = input(bytes.toByteArray());

    assertEquals(new Heartbeat(1, 10), FrameCodec.read(in, MAX));
    assertEquals(new Heartbeat(2, 20), FrameCodec.read(in, MAX));
    assertEquals(new Heartbeat(3, 30), FrameCodec.read(in, MAX));
    assertNull(FrameCodec.read(in, MAX));
  }

  @Test
  void refusesToWriteAStringLongerThanSixtyFiveThousandBytes() {
    Data data = new Data(1, "x".repeat(65_536), "", "", 0, new byte[0]);

    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> FrameCodec.encode(data));
    assertEquals("DATA bankId is 65536 bytes of UTF-8, at most 65535 fit", refused.getMessage());
  }

  /** A DATA frame whose length (type byte and body) is exactly {@code frameLength}. */
  static Data dataOfFrameLength(int frameLength) {
    int overhead = FrameCodec.encode(new Data(1, "ACQ1", "ACQ1-1", "", 0, new byte[0])).length - 4;
    byte[] iso = new byte[frameLength - overhead];
    for (int i = 0; i < iso.length; i++) {
      iso[i] = (byte) (i * 31);
    }
    return new Data(1, "ACQ1", "ACQ1-1", "", 0, iso);
  }

  private static Frame roundTrip(Frame frame) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    FrameCodec.write(out, frame);
    out.flush();
    DataInputStream in = input(bytes.toByteArray());
    Frame read = FrameCodec.read(in, MAX);
    assertNull(FrameCodec.read(in, MAX), "nothing after the frame");
    return read;
  }

  private static DataInputStream input(byte[] bytes) {
    return new DataInputStream(new ByteArrayInputStream(bytes));
  }
}
