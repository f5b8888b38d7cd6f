package dev.baton.link;

import dev.baton.link.Frame.Control;
import dev.baton.link.Frame.Data;
import dev.baton.link.Frame.Heartbeat;
import dev.baton.link.Frame.HeartbeatAck;
import dev.baton.link.Frame.Hello;
import dev.baton.link.Frame.Refused;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns frames into bytes and back. A frame is a 4-byte big-endian length (of what follows it),
 * a type byte and a body; strings are a u16 byte count and UTF-8; every integer is big-endian.
 * docs/node-protocol.md tables the layouts. Stateless and thread-safe.
 */
public final class FrameCodec {

  /** The protocol version this code speaks, sent in every {@link Hello}. */
  public static final int PROTOCOL_VERSION = 1;
  /** The largest frame length accepted unless configured otherwise: 64 KiB. */
  public static final int DEFAULT_MAX_FRAME_BYTES = 65536;

  static final int HELLO = 0x01;
  static final int HEARTBEAT = 0x02;
  static final int HEARTBEAT_ACK = 0x03;
  static final int DATA = 0x10;
  static final int REFUSED = 0x11;
  static final int CONTROL = 0x20;

  private static final int MAX_U16 = 0xFFFF;

  private FrameCodec() {}

  /**
   * Writes one frame, length prefix included, as a single write. Does not flush: the caller
   * decides when a frame (or a batch) goes out.
   *
   * @throws IllegalArgumentException when a string is over 65,535 bytes of UTF-8 or a
   *     {@link Control} has over 65,535 attributes: the wire format cannot carry them
   */
  public static void write(DataOutputStream out, Frame frame) throws IOException {
    out.write(encode(frame));
  }

  /**
   * The bytes of one frame, length prefix included. Encoding apart from writing lets a connection
   * hold its write lock for the copy to the socket only.
   */
  public static byte[] encode(Frame frame) {
    Encoder body = new Encoder(frame instanceof Data data ? dataFrameBytes(data) : 64);
    body.u32(0);
    switch (frame) {
      case Hello hello -> {
        body.u8(HELLO);
        body.u16(hello.version());
        body.string(hello.role(), "HELLO role");
        body.string(hello.name(), "HELLO name");
      }
      case Heartbeat beat -> {
        body.u8(HEARTBEAT);
        body.u64(beat.sequence());
        body.u64(beat.sentAtNanos());
      }
      case HeartbeatAck ack -> {
        body.u8(HEARTBEAT_ACK);
        body.u64(ack.sequence());
        body.u64(ack.sentAtNanos());
      }
      case Data data -> {
        body.u8(DATA);
        body.u64(data.correlation());
        body.string(data.bankId(), "DATA bankId");
        body.string(data.sessionId(), "DATA sessionId");
        body.string(data.key(), "DATA key");
        body.u64(data.deadlineEpochMillis());
        body.u32(data.isoLength());
        body.writeBytes(data.isoBytes());
      }
      case Refused refused -> {
        body.u8(REFUSED);
        body.u64(refused.correlation());
        body.string(refused.bankId(), "REFUSED bankId");
        body.string(refused.key(), "REFUSED key");
        body.string(refused.reason(), "REFUSED reason");
      }
      case Control control -> {
        body.u8(CONTROL);
        body.string(control.verb(), "CONTROL verb");
        if (control.attributes().size() > MAX_U16) {
          throw new IllegalArgumentException("CONTROL " + control.verb() + " has "
              + control.attributes().size() + " attributes, at most " + MAX_U16 + " fit");
        }
        body.u16(control.attributes().size());
        control.attributes().forEach((name, value) -> {
          body.string(name, "CONTROL attribute name");
          body.string(value, "CONTROL attribute " + name);
        });
      }
    }
    return body.withLength();
  }

  /**
   * The bytes a DATA frame takes when its strings are ASCII, as they are in practice (bank and
   * session ids): the buffer is then allocated once, at its size, and handed out without a copy.
   */
  private static int dataFrameBytes(Data data) {
    return 4 + 1 + 8 + 2 + data.bankId().length() + 2 + data.sessionId().length() + 2
        + data.key().length() + 8 + 4 + data.isoLength();
  }

  /**
   * Reads one frame. The length is checked before anything is allocated for it, and the body is
   * read as it arrives, so a peer announcing more than it sends costs no more than what it sent.
   *
   * @param maxFrameBytes the largest length accepted
   * @return the frame, or null when the stream ended cleanly before a new frame
   * @throws EOFException when the stream ends inside a frame
   * @throws LinkProtocolException when the bytes are not a frame: the stream is then out of step
   */
  public static Frame read(DataInputStream in, int maxFrameBytes) throws IOException {
    if (maxFrameBytes < 1) {
      throw new IllegalArgumentException("maxFrameBytes must be positive: " + maxFrameBytes);
    }
    int first = in.read();
    if (first < 0) {
      return null;
    }
    int length = first << 24 | in.readUnsignedByte() << 16 | in.readUnsignedByte() << 8
        | in.readUnsignedByte();
    if (length < 1) {
      throw new LinkProtocolException("frame length " + length
          + " is not positive: a frame holds at least its type byte");
    }
    if (length > maxFrameBytes) {
      throw new LinkProtocolException("frame length " + length + " is over the maximum of "
          + maxFrameBytes + " bytes");
    }
    int type = in.readUnsignedByte();
    String name = typeName(type);
    if (name == null) {
      throw new LinkProtocolException(String.format("unknown frame type 0x%02x (frame length %d)",
          type, length));
    }
    byte[] body = in.readNBytes(length - 1);
    if (body.length < length - 1) {
      throw new EOFException(name + " frame cut short: the stream ended after " + body.length
          + " of its " + (length - 1) + " body bytes");
    }
    return decode(name, type, new FrameBody(name, body));
  }

  /** The name of a frame type as the protocol reference writes it, or null for an unknown one. */
  static String typeName(int type) {
    return switch (type) {
      case HELLO -> "HELLO";
      case HEARTBEAT -> "HEARTBEAT";
      case HEARTBEAT_ACK -> "HEARTBEAT_ACK";
      case DATA -> "DATA";
      case REFUSED -> "REFUSED";
      case CONTROL -> "CONTROL";
      default -> null;
    };
  }

  /** The name of a frame's type, for messages: "HELLO", "DATA" ... */
  static String typeName(Frame frame) {
    return switch (frame) {
      case Hello _ -> "HELLO";
      case Heartbeat _ -> "HEARTBEAT";
      case HeartbeatAck _ -> "HEARTBEAT_ACK";
      case Data _ -> "DATA";
      case Refused _ -> "REFUSED";
      case Control _ -> "CONTROL";
    };
  }

  private static Frame decode(String name, int type, FrameBody body) throws LinkProtocolException {
    Frame frame = switch (type) {
      case HELLO -> new Hello(body.u16("version"), body.string("role"), body.string("name"));
      case HEARTBEAT -> new Heartbeat(body.u64("sequence"), body.u64("sentAtNanos"));
      case HEARTBEAT_ACK -> new HeartbeatAck(body.u64("sequence"), body.u64("sentAtNanos"));
      case DATA -> new Data(body.u64("correlation"), body.string("bankId"),
          body.string("sessionId"), body.string("key"), body.u64("deadlineEpochMillis"),
          body.bytes(body.u32("isoLength"), "ISO message"));
      case REFUSED -> new Refused(body.u64("correlation"), body.string("bankId"),
          body.string("key"), body.string("reason"));
      case CONTROL -> control(body);
      default -> throw new IllegalStateException("no decoder for known type " + name);
    };
    body.end();
    return frame;
  }

  private static Control control(FrameBody body) throws LinkProtocolException {
    String verb = body.string("verb");
    int count = body.u16("attribute count");
    Map<String, String> attributes = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String attribute = body.string("attribute name");
      String value = body.string("attribute " + attribute);
      if (attributes.putIfAbsent(attribute, value) != null) {
        throw new LinkProtocolException("CONTROL " + verb + " carries attribute " + attribute
            + " twice");
      }
    }
    return new Control(verb, attributes);
  }

  /** A growing big-endian byte buffer; a ByteArrayOutputStream whose writes cannot fail. */
  private static final class Encoder extends ByteArrayOutputStream {

    Encoder(int expectedBytes) {
      super(expectedBytes);
    }

    void u8(int value) {
      write(value);
    }

    void u16(int value) {
      write(value >>> 8);
      write(value);
    }

    void u32(int value) {
      u16(value >>> 16);
      u16(value);
    }

    void u64(long value) {
      u32((int) (value >>> 32));
      u32((int) value);
    }

    void string(String value, String field) {
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      if (utf8.length > MAX_U16) {
        throw new IllegalArgumentException(field + " is " + utf8.length
            + " bytes of UTF-8, at most " + MAX_U16 + " fit");
      }
      u16(utf8.length);
      writeBytes(utf8);
    }

    /** The buffer, with the length of what follows the prefix written into the prefix. */
    byte[] withLength() {
      int length = count - 4;
      buf[0] = (byte) (length >>> 24);
      buf[1] = (byte) (length >>> 16);
      buf[2] = (byte) (length >>> 8);
      buf[3] = (byte) length;
      return count == buf.length ? buf : toByteArray();
    }
  }
}
