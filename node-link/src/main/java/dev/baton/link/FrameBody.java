package dev.baton.link;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads the fields of one frame body in order, refusing a body that is too short for them or that
 * has bytes left over. Every refusal names the frame type and the field, because the log line it
 * ends up in is all an operator has to find which side sent what.
 */
final class FrameBody {

  private final String type;
  private final ByteBuffer body;
  private CharsetDecoder utf8;

  FrameBody(String type, byte[] body) {
    this.type = type;
    this.body = ByteBuffer.wrap(body);
  }

  int u16(String field) throws LinkProtocolException {
    need(2, field);
    return Short.toUnsignedInt(body.getShort());
  }

  long u32(String field) throws LinkProtocolException {
    need(4, field);
    return Integer.toUnsignedLong(body.getInt());
  }

  long u64(String field) throws LinkProtocolException {
    need(8, field);
    return body.getLong();
  }

  /** A u16 byte count, then that many bytes of UTF-8; malformed UTF-8 is refused, not replaced. */
  String string(String field) throws LinkProtocolException {
    if (body.remaining() < 2) {
      // The label is joined only here: every string of every frame passes above.
      need(2, field + " length");
    }
    int length = Short.toUnsignedInt(body.getShort());
    if (length > body.remaining()) {
      throw new LinkProtocolException(type + " string " + field + " claims " + length
          + " bytes but only " + body.remaining() + " are left in the body");
    }
    int start = body.position();
    body.position(start + length);
    if (isAscii(start, length)) {
      // Bank ids, session ids and keys: ASCII, read without a decoder's buffers.
      return new String(body.array(), start, length, StandardCharsets.US_ASCII);
    }
    ByteBuffer bytes = body.slice(start, length);
    if (utf8 == null) {
      utf8 = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
    }
    try {
      return utf8.decode(bytes).toString();
    } catch (CharacterCodingException e) {
      throw new LinkProtocolException(type + " string " + field + " is not valid UTF-8", e);
    }
  }

  private boolean isAscii(int start, int length) {
    byte[] array = body.array();
    for (int i = start; i < start + length; i++) {
      if (array[i] < 0) {
        return false;
      }
    }
    return true;
  }

  byte[] bytes(long length, String field) throws LinkProtocolException {
    if (length > body.remaining()) {
      throw new LinkProtocolException(type + " " + field + " claims " + length
          + " bytes but only " + body.remaining() + " are left in the body");
    }
    byte[] bytes = new byte[(int) length];
    body.get(bytes);
    return bytes;
  }

  /** The body must end exactly after the last field: extra bytes mean the peer and we disagree. */
  void end() throws LinkProtocolException {
    if (body.hasRemaining()) {
      throw new LinkProtocolException(type + " body has " + body.remaining()
          + " bytes left over after its last field");
    }
  }

  private void need(int bytes, String field) throws LinkProtocolException {
    if (body.remaining() < bytes) {
      throw new LinkProtocolException(type + " body too short: " + field + " needs " + bytes
          + " bytes but only " + body.remaining() + " are left");
    }
  }
}
