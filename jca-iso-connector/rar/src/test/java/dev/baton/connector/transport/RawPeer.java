package dev.baton.connector.transport;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.packager.ISO87BPackager;

/** A peer that writes whatever bytes a test wants, and reads 2-byte-length frames back. */
final class RawPeer implements AutoCloseable {

  private final Socket socket;
  private final DataInputStream in;

  RawPeer(int port) throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(5_000);
    in = new DataInputStream(socket.getInputStream());
  }

  void write(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
  }

  /** Writes a 2-byte length prefix and the bytes. */
  void writeFrame(byte[] image) throws IOException {
    byte[] frame = new byte[image.length + 2];
    frame[0] = (byte) (image.length >> 8);
    frame[1] = (byte) image.length;
    System.arraycopy(image, 0, frame, 2, image.length);
    write(frame);
  }

  /** Reads one frame and unpacks it as ISO87B. */
  ISOMsg readMessage() throws Exception {
    int length = in.readUnsignedShort();
    byte[] image = in.readNBytes(length);
    ISOMsg message = new ISOMsg();
    message.setPackager(new ISO87BPackager());
    message.unpack(image);
    return message;
  }

  /** Whether the adapter closed the connection, as seen within the socket timeout. */
  boolean closedByAdapter() throws IOException {
    try {
      return in.read() < 0;
    } catch (EOFException | java.net.SocketException e) {
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  /**
   * Reads and drops whatever the adapter wrote until the connection's end shows (end of stream or
   * a reset); false when the socket timeout passed first.
   */
  boolean closedByAdapterOnceDrained() throws IOException {
    byte[] sink = new byte[64 * 1024];
    try {
      while (in.read(sink) >= 0) {
        // dropped: only the end matters
      }
      return true;
    } catch (java.net.SocketException e) {
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
