package dev.baton.connector.session;

import dev.baton.connector.api.IsoMessage;
import java.util.BitSet;
import org.jpos.iso.ISOBasePackager;
import org.jpos.iso.ISOBinaryField;
import org.jpos.iso.ISOBinaryFieldPackager;
import org.jpos.iso.ISOBitMap;
import org.jpos.iso.ISOBitMapPackager;
import org.jpos.iso.ISOComponent;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOField;
import org.jpos.iso.ISOFieldPackager;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOMsgFieldPackager;
import org.jpos.iso.ISOPackager;
import org.jpos.iso.ISOUtil;
import org.jpos.iso.packager.ISO87APackager;
import org.jpos.iso.packager.ISO87BPackager;
import org.jpos.iso.packager.ISO93BPackager;

/**
 * Turns an {@link IsoMessage} into a message image and back with one bank's packager. A node does
 * both for every message it handles: about 30 % of its processing, half of it for the jPOS
 * {@code ISOMsg} in between (a tree of the fields, a bitmap recomputed by looking up every number
 * up to the highest, a log event per unpack). For the packagers whose layout is fixed
 * (ISO87A, ISO87B, ISO93B: the MTI, one bitmap, fields 2 to 128, no header, no sub-fields) the codec
 * calls the packager's own field packagers directly, in the order {@code ISOBasePackager} does, so
 * the bytes are the same (the tests compare them). Any other packager (a bank's GenericPackager,
 * whose first field, bitmap and sub-fields are settings) goes through {@code ISOMsg} as before.
 * Stateless; one instance serves every thread.
 */
public abstract sealed class IsoCodec permits IsoCodec.Direct, IsoCodec.ThroughIsoMsg {

  private static final int LAST_FIELD = 128;

  /** The codec for {@code packager}: direct when its layout allows, otherwise through ISOMsg. */
  public static IsoCodec of(ISOPackager packager) {
    Direct direct = Direct.forFixedLayout(packager);
    return direct != null ? direct : throughIsoMsg(packager);
  }

  /** The codec that goes through a jPOS ISOMsg whatever the packager, as nodes did: to compare with. */
  public static IsoCodec throughIsoMsg(ISOPackager packager) {
    return new ThroughIsoMsg(packager);
  }

  /** Whether this codec packs without an ISOMsg. */
  public abstract boolean direct();

  /**
   * The image of {@code message} (no header).
   *
   * @throws ISOException when a field does not fit its packager (too long, not numeric where it
   *     must be, a number the packager has no packager for)
   */
  public abstract byte[] pack(IsoMessage message) throws ISOException;

  /**
   * The message whose image starts at {@code offset} in {@code frame} (after any header).
   *
   * @throws ISOException when the image is cut short, or a field does not unpack
   */
  public abstract IsoMessage unpack(byte[] frame, int offset) throws ISOException;

  /** Straight through the packager's field packagers. */
  static final class Direct extends IsoCodec {

    private final ISOFieldPackager mti;
    private final ISOFieldPackager bitmap;
    /** By field number; {@code length} as the packager's, which bounds what a bitmap may name. */
    private final ISOFieldPackager[] fields;

    private Direct(ISOFieldPackager mti, ISOFieldPackager bitmap, ISOFieldPackager[] fields) {
      this.mti = mti;
      this.bitmap = bitmap;
      this.fields = fields;
    }

    static Direct forFixedLayout(ISOPackager packager) {
      Class<?> type = packager.getClass();
      if (type != ISO87BPackager.class && type != ISO87APackager.class && type != ISO93BPackager.class) {
        return null;
      }
      ISOBasePackager base = (ISOBasePackager) packager;
      if (base.getHeaderLength() != 0) {
        return null;
      }
      ISOFieldPackager mti = base.getFieldPackager(0);
      ISOFieldPackager bitmap = base.getFieldPackager(1);
      if (mti == null || mti instanceof ISOBitMapPackager || mti instanceof ISOMsgFieldPackager
          || !(bitmap instanceof ISOBitMapPackager)) {
        return null;
      }
      // These packagers define every field from 2 to 128 and no further (129 packagers, as
      // ISOBasePackager's own loops count them).
      ISOFieldPackager[] fields = new ISOFieldPackager[LAST_FIELD + 1];
      for (int number = 2; number <= LAST_FIELD; number++) {
        ISOFieldPackager field = base.getFieldPackager(number);
        if (field == null || field instanceof ISOMsgFieldPackager) {
          return null;
        }
        fields[number] = field;
      }
      return base.getFieldPackager(LAST_FIELD + 1) == null ? new Direct(mti, bitmap, fields) : null;
    }

    @Override
    public boolean direct() {
      return true;
    }

    @Override
    public byte[] pack(IsoMessage message) throws ISOException {
      int fieldCount = message.fieldCount();
      byte[][] parts = new byte[fieldCount + 2][];
      BitSet present = new BitSet(LAST_FIELD);
      int count = 2;
      int length = 0;
      // The fields in ascending order (the message keeps them sorted), as jPOS packs them.
      for (int i = 0; i < fieldCount; i++) {
        int number = message.fieldNumberAt(i);
        String value = message.fieldValueAt(i);
        if (number > LAST_FIELD) {
          throw new ISOException("field " + number + " is past the packager's last field " + LAST_FIELD);
        }
        ISOFieldPackager field = fields[number]; // every one from 2 to 128 is there
        // As ISOMsg.set(int, String) does: hex becomes bytes where the packager's field is binary.
        ISOComponent component = field instanceof ISOBinaryFieldPackager
            ? new ISOBinaryField(number, ISOUtil.hex2byte(value))
            : new ISOField(number, value);
        byte[] part = field.pack(component);
        parts[count++] = part;
        length += part.length;
        present.set(number);
      }
      parts[0] = mti.pack(new ISOField(0, message.mti()));
      parts[1] = bitmap.pack(new ISOBitMap(-1, present));
      length += parts[0].length + parts[1].length;
      byte[] image = new byte[length];
      int at = 0;
      for (int i = 0; i < count; i++) {
        System.arraycopy(parts[i], 0, image, at, parts[i].length);
        at += parts[i].length;
      }
      return image;
    }

    @Override
    public IsoMessage unpack(byte[] frame, int offset) throws ISOException {
      int at = offset;
      int number = 0;
      try {
        ISOComponent type = mti.createComponent(0);
        at += mti.unpack(type, frame, at);
        String messageType = (String) type.getValue();
        number = 1;
        ISOBitMap map = new ISOBitMap(-1);
        at += bitmap.unpack(map, frame, at);
        BitSet present = (BitSet) map.getValue();
        IsoMessage.Builder message = IsoMessage.builder(messageType, present.cardinality());
        // As ISOBasePackager.unpack: what the bitmap names, up to what the packager knows.
        int last = Math.min(fields.length, present.size());
        for (number = present.nextSetBit(2); number >= 0 && number < last; number = present.nextSetBit(number + 1)) {
          if (last > LAST_FIELD && number == 65) {
            continue;
          }
          ISOFieldPackager field = fields[number];
          if (field == null) {
            throw new ISOException("field packager '" + number + "' is null");
          }
          ISOComponent component = field.createComponent(number);
          at += field.unpack(component, frame, at);
          IsoMessages.setFlat(message, number, component.getValue());
        }
        return message.build();
      } catch (ISOException e) {
        throw new ISOException(e.getMessage() + " unpacking field=" + number + ", consumed=" + (at - offset));
      } catch (RuntimeException e) {
        // A frame cut short reads past its end; an MTI that is not four digits is refused.
        throw new ISOException(e + " unpacking field=" + number + ", consumed=" + (at - offset));
      }
    }
  }

  /** Through a jPOS ISOMsg, for packagers whose layout the direct codec does not know. */
  static final class ThroughIsoMsg extends IsoCodec {

    private final ISOPackager packager;

    ThroughIsoMsg(ISOPackager packager) {
      this.packager = packager;
    }

    @Override
    public boolean direct() {
      return false;
    }

    @Override
    public byte[] pack(IsoMessage message) throws ISOException {
      return IsoMessages.packable(message, packager).pack();
    }

    @Override
    public IsoMessage unpack(byte[] frame, int offset) throws ISOException {
      byte[] image = offset == 0 ? frame : java.util.Arrays.copyOfRange(frame, Math.min(offset, frame.length), frame.length);
      ISOMsg iso = IsoMessages.newMessage(packager);
      iso.unpack(image);
      return IsoMessages.unpacked(iso);
    }
  }
}
