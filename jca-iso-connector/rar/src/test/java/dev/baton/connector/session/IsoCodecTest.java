package dev.baton.connector.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.connector.api.IsoMessage;
import dev.baton.connector.framing.Packagers;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.jpos.iso.ISOBasePackager;
import org.jpos.iso.ISOBinaryFieldPackager;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOFieldPackager;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.jpos.iso.ISOUtil;
import org.jpos.iso.packager.ISO87BPackager;
import org.junit.jupiter.api.Test;

class IsoCodecTest {

  private static final List<String> FIXED = List.of("ISO87B", "ISO87A", "ISO93B");

  /** An authorization request as acquirers send them: primary fields, a binary PIN block. */
  private static IsoMessage request() {
    return IsoMessage.builder("0100")
        .set(2, "4000001234567899")
        .set(3, "000000")
        .set(4, "000000012345")
        .set(7, "1204231500")
        .set(11, "004711")
        .set(12, "231500")
        .set(14, "2812")
        .set(22, "051")
        .set(32, "123456")
        .set(35, "4000001234567899=28121010000000000000")
        .set(37, "RRN000000042")
        .set(41, "TERM0001")
        .set(42, "MERCHANT0000001")
        .set(43, "BATON TEST SHOP          SOMEWHERE    XX")
        .set(49, "978")
        .set(52, "0123456789ABCDEF")
        .build();
  }

  /** A reversal advice with fields past the primary bitmap (90: original data elements). */
  private static IsoMessage advice() {
    return IsoMessage.builder("0420")
        .set(3, "000000")
        .set(4, "000000012345")
        .set(11, "000812")
        .set(37, "RRN000000042")
        .set(39, "68")
        .set(41, "TERM0001")
        .set(90, "010000471112041500000000123456000000000000")
        .set(95, "000000000000000000000000000000000000000000")
        .set(128, "00112233AABBCCDD")
        .build();
  }

  private static byte[] throughIsoMsg(IsoMessage message, ISOPackager packager) throws ISOException {
    return IsoMessages.packable(message, packager).pack();
  }

  private static IsoMessage unpackedByJpos(byte[] image, ISOPackager packager) throws ISOException {
    ISOMsg iso = new ISOMsg();
    iso.setPackager(packager);
    iso.unpack(image);
    return IsoMessages.unpacked(iso);
  }

  @Test
  void theFixedLayoutPackagersGetTheDirectCodecAndAGenericPackagerGoesThroughIsoMsg() {
    for (String setting : FIXED) {
      assertTrue(IsoCodec.of(Packagers.of(setting)).direct(), setting);
    }
    assertFalse(IsoCodec.of(Packagers.of("generic:classpath:packager/iso87binary.xml")).direct());
  }

  @Test
  void theDirectCodecPacksTheSameBytesAsJposThroughIsoMsg() throws Exception {
    for (String setting : FIXED) {
      ISOPackager packager = Packagers.of(setting);
      IsoCodec codec = IsoCodec.of(packager);
      for (IsoMessage message : List.of(fitted(request(), packager), fitted(advice(), packager),
          IsoMessage.builder("0800").set(70, "301").build())) {
        assertEquals(ISOUtil.hexString(throughIsoMsg(message, packager)), ISOUtil.hexString(codec.pack(message)),
            setting + " " + message.mti());
      }
    }
  }

  @Test
  void theDirectCodecUnpacksWhatJposUnpacksFromTheSameImage() throws Exception {
    for (String setting : FIXED) {
      ISOPackager packager = Packagers.of(setting);
      IsoCodec codec = IsoCodec.of(packager);
      for (IsoMessage message : List.of(fitted(request(), packager), fitted(advice(), packager))) {
        byte[] image = throughIsoMsg(message, packager);
        IsoMessage direct = codec.unpack(image, 0);
        assertEquals(unpackedByJpos(image, packager), direct, setting + " " + message.mti());
      }
    }
    // Where every value fits its field as given, what was packed comes back as it was.
    IsoCodec codec = IsoCodec.of(new ISO87BPackager());
    for (IsoMessage message : List.of(request(), advice())) {
      assertEquals(message, codec.unpack(codec.pack(message), 0));
    }
  }

  @Test
  void anImageAfterAHeaderIsReadFromItsOffset() throws Exception {
    IsoCodec codec = IsoCodec.of(new ISO87BPackager());
    byte[] image = codec.pack(request());
    byte[] framed = new byte[5 + image.length];
    framed[0] = 0x60; // a TPDU's first byte, then four more
    System.arraycopy(image, 0, framed, 5, image.length);

    assertEquals(request(), codec.unpack(framed, 5));
  }

  @Test
  void randomMessagesPackAndUnpackAsJposDoesOnEveryFixedPackager() throws Exception {
    // What varies: which fields are present (any of 2 to 128), their lengths within what the
    // packager allows, and so whether the secondary bitmap is needed.
    Random random = new Random(8583);
    for (String setting : FIXED) {
      ISOBasePackager packager = (ISOBasePackager) Packagers.of(setting);
      IsoCodec codec = IsoCodec.of(packager);
      for (int round = 0; round < 300; round++) {
        IsoMessage.Builder builder = IsoMessage.builder(round % 2 == 0 ? "0200" : "0210");
        int every = 2 + random.nextInt(12);
        for (int number = 2; number <= 128; number++) {
          if (number != 65 && random.nextInt(every) == 0) {
            builder.set(number, valueFor(packager.getFieldPackager(number), random));
          }
        }
        IsoMessage message = builder.build();
        byte[] expected = throughIsoMsg(message, packager);
        assertArrayEquals(expected, codec.pack(message), setting + " round " + round + " " + message.fields());
        assertEquals(unpackedByJpos(expected, packager), codec.unpack(expected, 0), setting + " round " + round);
      }
    }
  }

  /** {@code message}'s fields with values that fit {@code packager}'s fields (same seed, same values). */
  private static IsoMessage fitted(IsoMessage message, ISOPackager packager) {
    Random random = new Random(message.fields().keySet().hashCode());
    IsoMessage.Builder builder = IsoMessage.builder(message.mti());
    for (int number : message.fields().keySet()) {
      builder.set(number, valueFor(((ISOBasePackager) packager).getFieldPackager(number), random));
    }
    return builder.build();
  }

  /** Digits (or hex bytes for a binary field) of the field's length, or up to it when it varies. */
  private static String valueFor(ISOFieldPackager field, Random random) {
    boolean varies = field.getClass().getSimpleName().contains("LL");
    int length = varies ? 1 + random.nextInt(Math.min(field.getLength(), 40)) : field.getLength();
    if (field instanceof ISOBinaryFieldPackager) {
      byte[] bytes = new byte[length];
      random.nextBytes(bytes);
      return ISOUtil.hexString(bytes);
    }
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append((char) ('0' + random.nextInt(10)));
    }
    return text.toString();
  }

  @Test
  void aFieldTooLongForItsPackagerIsRefusedAsJposRefusesIt() {
    IsoMessage tooLong = IsoMessage.builder("0100").set(3, "0000000").build(); // field 3 is six digits
    IsoCodec codec = IsoCodec.of(new ISO87BPackager());

    assertThrows(ISOException.class, () -> throughIsoMsg(tooLong, new ISO87BPackager()));
    assertThrows(ISOException.class, () -> codec.pack(tooLong));
  }

  @Test
  void aFieldPastTheLastThePackagerKnowsIsRefusedWithItsNumber() {
    IsoMessage past = IsoMessage.builder("0100").set(11, "000001").set(130, "X").build();

    ISOException refused = assertThrows(ISOException.class, () -> IsoCodec.of(new ISO87BPackager()).pack(past));
    assertTrue(refused.getMessage().contains("130"), refused.getMessage());
  }

  @Test
  void anImageCutShortAnywhereIsRefusedAndNamesTheFieldItStoppedAt() throws Exception {
    IsoCodec codec = IsoCodec.of(new ISO87BPackager());
    byte[] image = codec.pack(advice());
    for (int length = 0; length < image.length; length++) {
      byte[] cut = Arrays.copyOf(image, length);
      ISOException refused = assertThrows(ISOException.class, () -> codec.unpack(cut, 0), "cut to " + length);
      assertTrue(refused.getMessage().contains("unpacking field="), refused.getMessage());
    }
  }

  @Test
  void anMtiThatIsNotFourDigitsIsRefused() throws Exception {
    ISO87BPackager packager = new ISO87BPackager();
    byte[] image = IsoCodec.of(packager).pack(request());
    image[0] = (byte) 0xAB; // BCD nibbles that are not digits

    assertThrows(ISOException.class, () -> IsoCodec.of(packager).unpack(image, 0));
  }

  @Test
  void aGenericPackagerStillPacksAndUnpacksThroughIsoMsg() throws Exception {
    ISOPackager packager = Packagers.of("generic:classpath:packager/iso87binary.xml");
    IsoCodec codec = IsoCodec.of(packager);
    byte[] image = codec.pack(request());

    assertArrayEquals(throughIsoMsg(request(), packager), image);
    assertEquals(request(), codec.unpack(image, 0));
    Map<Integer, String> fields = new TreeMap<>(codec.unpack(image, 0).fields());
    assertEquals("004711", fields.get(11));
  }
}
