package dev.baton.connector.framing;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.Lock;

/**
 * Writes a message packed elsewhere on a jPOS channel: its length prefix, header, and bytes; then
 * flushes, unless the writer sends several and flushes them together.
 */
final class PackedWriter {

  /** The channel's own way of writing a length prefix. */
  @FunctionalInterface
  interface LengthPrefix {
    void write(int length) throws IOException;
  }

  private PackedWriter() {}

  static void write(boolean connected, Lock outLock, LengthPrefix prefix, OutputStream out,
      byte[] header, byte[] packed, boolean flush) throws IOException {
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
      if (flush) {
        out.flush();
      }
    } finally {
      outLock.unlock();
    }
  }

  /** Sends what the buffer holds; a closed connection has nothing left to send. */
  static void flush(boolean connected, Lock outLock, OutputStream out) throws IOException {
    if (!connected) {
      return;
    }
    outLock.lock();
    try {
      out.flush();
    } finally {
      outLock.unlock();
    }
  }
}
