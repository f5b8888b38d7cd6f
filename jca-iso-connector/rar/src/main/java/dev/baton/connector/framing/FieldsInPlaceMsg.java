package dev.baton.connector.framing;

import java.util.Collections;
import java.util.Map;
import org.jpos.iso.ISOMsg;

/**
 * A jPOS message whose {@link #getChildren()} is a read-only view of its fields instead of a
 * copy. jPOS's packager asks for the children once per pack, and turning a message into ours
 * reads them once per unpack: on a switch each copy is a tree of some thirty entries per message,
 * a tenth of what a node allocates per authorization. Whoever tries to change the view gets an
 * {@link UnsupportedOperationException}; the message itself changes through {@code set} and
 * {@code unset} as any other.
 */
public final class FieldsInPlaceMsg extends ISOMsg {

  private static final long serialVersionUID = 1L;

  /** An empty message, its MTI and packager to be set. */
  public FieldsInPlaceMsg() {
    super();
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public Map getChildren() {
    return Collections.unmodifiableMap(fields);
  }
}
