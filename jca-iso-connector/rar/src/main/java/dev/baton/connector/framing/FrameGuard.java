package dev.baton.connector.framing;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/**
 * The checks both channel classes add to jPOS's: shared here because the two framings extend
 * different jPOS base classes.
 */
final class FrameGuard {

  private final FrameRules rules;
  // Written and read by the connection's one reader thread only.
  private byte[] lastImage = new byte[0];

  FrameGuard(FrameRules rules) {
    this.rules = rules;
  }

  /**
   * Waits for the first byte of a frame under the idle timeout, then arms the read timeout for
   * the rest of it. A single socket timeout could not tell a quiet bank from a stalled frame.
   */
  void awaitFrameStart(Socket socket, DataInputStream in) throws IOException {
    int idle = (int) rules.idleTimeout().toMillis();
    socket.setSoTimeout(idle);
    in.mark(1);
    try {
      if (in.read() < 0) {
        throw new EOFException("peer closed the connection");
      }
    } catch (SocketTimeoutException e) {
      throw new IdleTimeoutException(idle);
    }
    in.reset();
    socket.setSoTimeout(Math.max(1, (int) rules.readTimeout().toMillis()));
  }

  /**
   * Refuses a length prefix before the channel allocates for it. The smallest message is an MTI
   * and a bitmap, so a prefix no longer than the header cannot be one.
   */
  int check(int declared, int headerLength, DataInputStream in) throws IOException, ISOException {
    if (declared <= headerLength) {
      throw FrameLengthException.tooShort(declared);
    }
    if (declared > rules.maxFrameBytes()) {
      boolean skip = rules.oversizedFrames() == OversizedFramePolicy.SKIP;
      if (skip) {
        in.skipNBytes(declared);
      }
      throw FrameLengthException.oversized(declared, rules.maxFrameBytes(), skip);
    }
    return declared;
  }

  /** Unpacks, turning every failure (jPOS lets some runtime exceptions through) into one kind. */
  void unpack(ISOMsg message, byte[] image) throws UnreadableFrameException {
    lastImage = image;
    try {
      message.unpack(image);
    } catch (ISOException | RuntimeException e) {
      throw new UnreadableFrameException(message, image, e);
    }
  }

  byte[] lastImage() {
    return lastImage;
  }

  static FrameLengthException unreadable(ISOException cause) {
    return cause instanceof FrameLengthException known ? known : FrameLengthException.unreadable(cause);
  }
}
