package dev.baton.connector.framing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.connector.testkit.Poll;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/** The packed writer's queue when the output stops taking bytes (a bank that stopped reading). */
class PackedWriterTest {

  @Test
  void aWriterWaitsForTheOutputOnceAMegabyteIsQueuedBehindAStuckWriteAndEverythingLeavesInOrderWhenItMovesAgain()
      throws Exception {
    CountDownLatch stuck = new CountDownLatch(1);
    CountDownLatch moveOn = new CountDownLatch(1);
    ByteArrayOutputStream sent = new ByteArrayOutputStream();
    OutputStream output = new OutputStream() {
      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) {
        stuck.countDown();
        try {
          moveOn.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        sent.write(bytes, offset, length);
      }
    };
    PackedWriter writer = new PackedWriter(new ReentrantLock(), length -> {
      output.write(new byte[] {(byte) (length >> 8), (byte) length});
    }, () -> output);
    int messages = 1_500;
    int size = 1_000;
    Thread first = Thread.ofPlatform().start(() -> write(writer, 0, size));
    assertTrue(stuck.await(10, java.util.concurrent.TimeUnit.SECONDS), "the first write is in the output");
    Thread second = Thread.ofPlatform().start(() -> {
      for (int n = 1; n < messages; n++) {
        write(writer, n, size);
      }
    });
    Poll.until("the second writer waiting for the output", () -> second.getState() == Thread.State.WAITING);
    long queued = writer.queuedBytes();
    assertTrue(queued > PackedWriter.QUEUE_LIMIT_BYTES - size && queued <= PackedWriter.QUEUE_LIMIT_BYTES + size,
        "the queue stopped growing at its limit: " + queued + " bytes");

    moveOn.countDown();
    first.join(10_000);
    second.join(10_000);
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(sent.toByteArray()));
    for (int n = 0; n < messages; n++) {
      int length = in.readUnsignedShort();
      assertEquals(size, length, "message " + n + " whole");
      byte[] packed = new byte[length];
      in.readFully(packed);
      assertEquals(n, ((packed[0] & 0xff) << 8) | (packed[1] & 0xff), "messages in the order written");
    }
    assertEquals(0, in.available(), "nothing more than was written");
    assertEquals(0, writer.queuedBytes());
  }

  private static void write(PackedWriter writer, int number, int size) {
    byte[] packed = new byte[size];
    packed[0] = (byte) (number >> 8);
    packed[1] = (byte) number;
    try {
      writer.write(true, null, packed, true);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
