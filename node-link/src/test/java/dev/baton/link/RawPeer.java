package dev.baton.link;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A bare socket speaking (or failing to speak) the node link, for the tests that need a peer
 * which misbehaves. Reads time out, so that a missing answer fails the test instead of hanging it.
 */
final class RawPeer implements AutoCloseable {

  private final Socket socket;
  private final DataInputStream in;
  private final DataOutputStream out;

  RawPeer(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout((int) Poll.WITHIN.toMillis());
    this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
    this.out = new DataOutputStream(socket.getOutputStream());
  }

  static RawPeer connect(int port) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
    return new RawPeer(socket);
  }

  void send(Frame frame) throws IOException {
    FrameCodec.write(out, frame);
    out.flush();
  }

  void sendBytes(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** The next frame, or null when the other side closed the connection. */
  Frame read() throws IOException {
    return FrameCodec.read(in, FrameCodec.DEFAULT_MAX_FRAME_BYTES);
  }

  /** Whether the other side has closed the connection: reads what is left until the end. */
  boolean closedByOtherSide() {
    try {
      while (in.read() >= 0) {
        // What was sent before the close does not matter here.
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      // A reset is a close too.
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
