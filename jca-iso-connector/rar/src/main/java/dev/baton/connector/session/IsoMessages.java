package dev.baton.connector.session;

import dev.baton.connector.api.IsoMessage;
import dev.baton.connector.framing.FieldsInPlaceMsg;
import java.util.Map;
import org.jpos.iso.ISOComponent;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.jpos.iso.ISOUtil;

/**
 * Between jPOS's {@code ISOMsg} and the API's {@code IsoMessage}, which the application sees
 * instead so that the EAR needs no jPOS. Binary fields travel as hex both ways: jPOS renders them
 * so, and turns hex back into bytes when the message has the packager before its fields are set.
 */
public final class IsoMessages {

  private IsoMessages() {}

  /**
   * The MTI and the data elements of a message that unpacked. Composite fields (sub-fields of a
   * GenericPackager) have no flat text and are left out; the frame still carries them.
   *
   * @throws ISOException when the message has no MTI
   */
  public static IsoMessage unpacked(ISOMsg message) throws ISOException {
    IsoMessage.Builder fields = IsoMessage.builder(message.getMTI());
    // The fields present, rather than every number up to the highest (two lookups each): text
    // fields as they are, binary ones in hex, as ISOMsg.getString gives them; the MTI (0) and the
    // bitmap (1) are not data elements.
    for (Map.Entry<?, ?> child : ((Map<?, ?>) message.getChildren()).entrySet()) {
      if (child.getKey() instanceof Integer number && number >= 2 && child.getValue() instanceof ISOComponent field) {
        setFlat(fields, number, field.getValue());
      }
    }
    return fields.build();
  }

  /** Sets a field unpacked as {@code value}: text as it is, bytes in hex, a composite not at all. */
  static void setFlat(IsoMessage.Builder message, int number, Object value) {
    if (value instanceof String text) {
      message.set(number, text);
    } else if (value instanceof byte[] bytes) {
      message.set(number, ISOUtil.hexString(bytes));
    }
  }

  /**
   * An empty message with its packager, to unpack a frame into or to fill and pack: a {@link
   * FieldsInPlaceMsg}, which is packed and read without copying its fields.
   */
  public static ISOMsg newMessage(ISOPackager packager) {
    ISOMsg iso = new FieldsInPlaceMsg();
    iso.setPackager(packager);
    return iso;
  }

  /** A message ready for a session's channel, its fields typed by the session's packager. */
  public static ISOMsg packable(IsoMessage message, ISOPackager packager) throws ISOException {
    // The packager first: ISOMsg.set(int, String) only turns hex into bytes when it knows the field.
    ISOMsg iso = newMessage(packager);
    iso.setMTI(message.mti());
    for (int i = 0; i < message.fieldCount(); i++) {
      iso.set(message.fieldNumberAt(i), message.fieldValueAt(i));
    }
    return iso;
  }
}
