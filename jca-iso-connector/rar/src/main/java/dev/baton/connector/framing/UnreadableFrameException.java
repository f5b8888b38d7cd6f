package dev.baton.connector.framing;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/**
 * A frame read whole (so the connection is still in step) that the packager could not unpack.
 * It keeps the fields that were unpacked before the failure: jPOS's packagers fill the message in
 * field order, so the MTI and the key fields are often there even when a later field is not.
 */
public final class UnreadableFrameException extends ISOException {

  private static final long serialVersionUID = 1L;

  private final transient ISOMsg partial;
  private final byte[] image;

  UnreadableFrameException(ISOMsg partial, byte[] image, Exception cause) {
    super("frame of " + image.length + " bytes does not unpack: " + cause.getMessage());
    this.partial = partial;
    this.image = image.clone();
  }

  /** What could be unpacked, with the frame's header; never null, possibly without an MTI. */
  public ISOMsg partial() {
    return partial;
  }

  /** The frame's bytes after the length prefix and header. */
  public byte[] image() {
    return image.clone();
  }
}
