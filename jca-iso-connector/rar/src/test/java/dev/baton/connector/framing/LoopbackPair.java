package dev.baton.connector.framing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Two ends of a real loopback TCP connection: one for the channel under test, one raw. */
final class LoopbackPair implements AutoCloseable {

  final Socket adapterSide;
  final Socket peerSide;

  LoopbackPair() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      peerSide = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
      adapterSide = server.accept();
    }
    peerSide.setSoTimeout(5000);
  }

  void peerWrites(byte[] bytes) throws IOException {
    peerSide.getOutputStream().write(bytes);
    peerSide.getOutputStream().flush();
  }

  byte[] peerReads(int count) throws IOException {
    InputStream in = peerSide.getInputStream();
    return in.readNBytes(count);
  }

  @Override
  public void close() throws IOException {
    peerSide.close();
    adapterSide.close();
  }
}
