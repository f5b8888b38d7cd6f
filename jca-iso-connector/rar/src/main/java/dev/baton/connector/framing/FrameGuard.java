package dev.baton.connector.framing;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.concurrent.locks.Lock;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.jpos.iso.ISOSource;

/**
 * The checks both channel classes add to jPOS's: shared here because the two framings extend
 * different jPOS base classes.
 */
final class FrameGuard {

  private final FrameRules rules;

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
  static void unpack(ISOMsg message, byte[] image) throws UnreadableFrameException {
    try {
      message.unpack(image);
    } catch (ISOException | RuntimeException e) {
      throw new UnreadableFrameException(message, image, e);
    }
  }

  /** A channel's own reading of its length prefix (with the guards above). */
  interface LengthReader {
    int read() throws IOException, ISOException;
  }

  /**
   * Reads one whole frame, as jPOS's {@code receive} reads it but without unpacking: the length
   * prefix, then as many bytes as it declares, the header (if the framing has one) and then the
   * packed message.
   */
  static byte[] readFrame(boolean connected, Lock inLock, DataInputStream in, LengthReader length)
      throws IOException, ISOException {
    if (!connected) {
      throw new IOException("channel not connected");
    }
    inLock.lock();
    try {
      byte[] frame = new byte[length.read()];
      in.readFully(frame);
      return frame;
    } finally {
      inLock.unlock();
    }
  }

  /**
   * The message of a frame {@link #readFrame} returned, as jPOS's {@code receive} makes it: the
   * packager set, the first {@code headerLength} bytes as its header, the rest unpacked. Any
   * thread may call it.
   */
  static ISOMsg unpackFrame(ISOSource source, ISOPackager packager, byte[] frame, int headerLength)
      throws UnreadableFrameException {
    ISOMsg message = new FieldsInPlaceMsg();
    message.setSource(source);
    message.setPackager(packager);
    if (headerLength > 0) {
      message.setHeader(Arrays.copyOf(frame, headerLength));
    }
    unpack(message, Arrays.copyOfRange(frame, Math.min(headerLength, frame.length), frame.length));
    message.setDirection(ISOMsg.INCOMING);
    return message;
  }

  static FrameLengthException unreadable(ISOException cause) {
    return cause instanceof FrameLengthException known ? known : FrameLengthException.unreadable(cause);
  }
}
