package dev.baton.connector.framing;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.Lock;

/** Writes a message packed elsewhere on a jPOS channel: its length prefix, header, and bytes. */
final class PackedWriter {

  /** The channel's own way of writing a length prefix. */
  @FunctionalInterface
  interface LengthPrefix {
    void write(int length) throws IOException;
  }

  private PackedWriter() {}

  static void write(boolean connected, Lock outLock, LengthPrefix prefix, OutputStream out,
      byte[] header, byte[] packed) throws IOException {
    if (!connected) {
      throw new IOException("the connection is closed");
    }
    outLock.lock();
    try {
      int headerLength = header == null ? 0 : header.length;
      prefix.write(packed.length + headerLength);
      if (headerLength > 0) {
        out.write(header);
      }
      out.write(packed);
      out.flush();
    } finally {
      outLock.unlock();
    }
  }
}
