package dev.baton.connector.framing;

import java.io.IOException;
import java.net.Socket;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;

/**
 * One TCP connection to a bank, framed and packed by jPOS. Receiving is for one thread at a time;
 * sending may come from several (jPOS serialises writes).
 */
public interface FramedChannel {

  /** Takes over a connected socket (accepted or dialled). */
  void attach(Socket socket) throws IOException;

  /**
   * Waits for the next frame and unpacks it.
   *
   * @throws FrameLengthException the length prefix was refused; see {@link
   *     FrameLengthException#inStep()} for whether the connection can go on
   * @throws UnreadableFrameException the frame was read whole but does not unpack
   * @throws java.net.SocketTimeoutException a partial frame stalled, or the connection stayed idle
   *     too long; the socket is closed
   * @throws IOException the connection ended; the socket is closed
   */
  ISOMsg receive() throws IOException, ISOException;

  /**
   * Waits for the next frame and returns it as it came, without unpacking it: the header (TPDU),
   * if the framing has one, then the packed message; no length prefix. The same waits and checks
   * as {@link #receive()}; what does not unpack is for {@link #unpack} to find.
   *
   * @throws FrameLengthException the length prefix was refused; see {@link
   *     FrameLengthException#inStep()} for whether the connection can go on
   * @throws java.net.SocketTimeoutException a partial frame stalled, or the connection stayed idle
   *     too long
   * @throws IOException the connection ended
   */
  byte[] receiveFrame() throws IOException, ISOException;

  /**
   * The jPOS message of a frame {@link #receiveFrame()} returned, as {@link #receive()} would have
   * given it (header, packager, fields). Safe from any thread.
   *
   * @throws UnreadableFrameException the frame does not unpack; it keeps what did
   */
  ISOMsg unpack(byte[] frame) throws UnreadableFrameException;

  /** How many bytes of every frame are the framing's header (TPDU): 0 without one. */
  int headerLength();

  /** The packager the session's messages are packed with. */
  ISOPackager packager();

  /** Packs and writes one message. */
  void send(ISOMsg message) throws IOException, ISOException;

  /**
   * Writes one message packed elsewhere (by a processing node, with this session's packager):
   * the length prefix, the session's header if its framing has one, then {@code packed}.
   */
  default void sendPacked(byte[] packed) throws IOException {
    sendPacked(packed, true);
  }

  /**
   * As {@link #sendPacked(byte[])}, but with {@code flush} false the frame may stay in the
   * connection's buffer until a later write or {@link #flush()} sends it, together with others.
   */
  void sendPacked(byte[] packed, boolean flush) throws IOException;

  /** Sends what earlier writes left in the connection's buffer; nothing when it is closed. */
  void flush() throws IOException;

  /**
   * Whether the bank's next frame is already whole in the bytes read from the connection, so that
   * {@link #receiveFrame()} returns it without waiting for the bank. For the reader thread.
   */
  boolean nextFrameInHand();

  /** Closes the connection; harmless when already closed. */
  void close();

  /**
   * Closes the connection at once with a reset, dropping what the peer has not read: a normal
   * close lingers (up to jPOS's 5 s) to deliver it, and a peer that stopped reading never takes it.
   */
  void abort();

  /** Whether the connection is still open. */
  boolean isConnected();
}
