package dev.baton.connector.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.connector.api.IsoMessage;
import java.util.Map;
import java.util.TreeMap;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.packager.ISO87BPackager;
import org.junit.jupiter.api.Test;

class IsoMessagesTest {

  @Test
  void anUnpackedFrameGivesEveryDataElementAsISOMsgGetStringDoesAndNoMtiOrBitmap() throws Exception {
    ISO87BPackager packager = new ISO87BPackager();
    ISOMsg sent = new ISOMsg("0200");
    sent.setPackager(packager);
    sent.set(2, "4000001234567899");
    sent.set(3, "000000");
    sent.set(4, "000000012345");
    sent.set(11, "004711");
    sent.set(37, "RRN000000042");
    sent.set(41, "TERM0001");
    sent.set(52, "0123456789ABCDEF"); // binary: travels as bytes, read back as hex
    sent.set(90, "020000471112031200000000000000000000000000"); // past the primary bitmap
    ISOMsg received = overTheWire(sent);
    IsoMessage message = IsoMessages.unpacked(received);

    Map<Integer, String> expected = new TreeMap<>();
    for (int number = 2; number <= 128; number++) {
      if (received.hasField(number)) {
        expected.put(number, received.getString(number));
      }
    }
    assertEquals("0200", message.mti());
    assertEquals(expected, message.fields());
    assertEquals(java.util.List.of(2, 3, 4, 11, 37, 41, 52, 90), java.util.List.copyOf(message.fields().keySet()));
    assertEquals("0123456789ABCDEF", message.field(52));
  }

  @Test
  void anUnpackedMessageSentAgainPacksToTheSameBytes() throws Exception {
    ISO87BPackager packager = new ISO87BPackager();
    ISOMsg sent = new ISOMsg("0110");
    sent.setPackager(packager);
    sent.set(11, "000001");
    sent.set(38, "A1B2C3");
    sent.set(39, "00");
    sent.set(52, "FFEEDDCCBBAA9988");
    ISOMsg received = overTheWire(sent);

    byte[] again = IsoMessages.packable(IsoMessages.unpacked(received), packager).pack();

    assertEquals(org.jpos.iso.ISOUtil.hexString(sent.pack()), org.jpos.iso.ISOUtil.hexString(again));
  }

  @Test
  void aFrameUnpackedIntoAMessageThatKeepsItsFieldsInPlaceReadsAndPacksAsAPlainOne() throws Exception {
    ISO87BPackager packager = new ISO87BPackager();
    ISOMsg sent = new ISOMsg("0100");
    sent.setPackager(packager);
    sent.set(2, "5100001234567891");
    sent.set(4, "000000000999");
    sent.set(11, "000777");
    sent.set(41, "TERM0002");
    sent.set(52, "00112233AABBCCDD");
    sent.set(90, "010000077711031200000000000000000000000000");
    ISOMsg plain = overTheWire(sent);
    ISOMsg inPlace = IsoMessages.newMessage(packager);
    inPlace.unpack(sent.pack());

    assertEquals(IsoMessages.unpacked(plain), IsoMessages.unpacked(inPlace));
    assertEquals(org.jpos.iso.ISOUtil.hexString(sent.pack()), org.jpos.iso.ISOUtil.hexString(inPlace.pack()));
    byte[] packedAgain = IsoMessages.packable(IsoMessages.unpacked(inPlace), packager).pack();
    assertEquals(org.jpos.iso.ISOUtil.hexString(sent.pack()), org.jpos.iso.ISOUtil.hexString(packedAgain));
  }

  /** The message as the other side unpacks it from its frame, with the same packager. */
  private static ISOMsg overTheWire(ISOMsg sent) throws Exception {
    ISOMsg received = new ISOMsg();
    received.setPackager(sent.getPackager());
    received.unpack(sent.pack());
    return received;
  }
}
