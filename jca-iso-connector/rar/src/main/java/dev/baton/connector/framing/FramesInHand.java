package dev.baton.connector.framing;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;

/**
 * A channel's buffered input that can tell whether the bank's next frame is already whole in the
 * bytes read from the socket, so that reading it will not wait for the bank.
 */
final class FramesInHand extends BufferedInputStream {

  FramesInHand(InputStream in) {
    super(in);
  }

  /**
   * Puts a new buffer over the socket's input in place of the one jPOS made at connect (nothing has
   * been read from that yet): {@code use} sets the channel's input, under the channel's read lock.
   */
  static FramesInHand installed(Lock inLock, Socket socket, Consumer<DataInputStream> use) throws IOException {
    inLock.lock();
    try {
      FramesInHand buffer = new FramesInHand(socket.getInputStream());
      use.accept(new DataInputStream(buffer));
      return buffer;
    } finally {
      inLock.unlock();
    }
  }

  /** {@link #nextFrameWhole(int, boolean)} of {@code buffer}; false before one is installed. */
  static boolean nextFrameWhole(FramesInHand buffer, int prefixBytes, boolean asciiDigits) {
    return buffer != null && buffer.nextFrameWhole(prefixBytes, asciiDigits);
  }

  /**
   * Whether the bytes in hand hold the next frame whole: its length prefix ({@code prefixBytes}
   * bytes, big-endian binary or ASCII digits) and as many bytes as it declares. A prefix that is no
   * length counts as whole: reading it fails at once, without waiting.
   */
  synchronized boolean nextFrameWhole(int prefixBytes, boolean asciiDigits) {
    byte[] bytes = buf;
    int inHand = count - pos;
    if (bytes == null || inHand < prefixBytes) {
      return false;
    }
    int length = 0;
    for (int i = 0; i < prefixBytes; i++) {
      int b = bytes[pos + i] & 0xFF;
      if (asciiDigits) {
        if (b < '0' || b > '9') {
          return true;
        }
        length = length * 10 + (b - '0');
      } else {
        length = (length << 8) | b;
      }
    }
    return inHand >= prefixBytes + length;
  }
}
