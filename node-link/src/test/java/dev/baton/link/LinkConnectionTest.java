package dev.baton.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Frames written on a thread that holds its flushes, and from many threads at once, over a real loopback connection. */
class LinkConnectionTest {

  private static final int MAX = 64 * 1024;

  @Test
  void framesWrittenWhileAThreadHoldsItsFlushesStayInTheProcessUntilItFlushesAndThenArriveTogetherInOrder()
      throws Exception {
    try (Pair pair = new Pair()) {
      LinkConnection link = pair.link;
      DataInputStream in = pair.in;
      Socket peer = pair.peer;
      try {
        LinkWrites.together(() -> {
          for (String verb : List.of("ONE", "TWO", "THREE")) {
            send(link, verb);
          }
          assertEquals(0, available(peer), "nothing has left the process while the flushes are held");
        });
        assertEquals(List.of("ONE", "TWO", "THREE"), read(in, 3), "all three, in order, once flushed");
        send(link, "AFTER");
        assertEquals(List.of("AFTER"), read(in, 1), "a write after the hold is flushed at once");
      } finally {
        LinkConnection.flushHeld();
        link.close("test over");
      }
    }
  }

  @Test
  void aWriteFromAnotherThreadWhileOneHoldsItsFlushesSendsTheHeldFramesAheadOfItsOwn() throws Exception {
    try (Pair pair = new Pair()) {
      LinkConnection link = pair.link;
      DataInputStream in = pair.in;
      try {
        LinkConnection.holdFlushes();
        send(link, "HELD");
        Thread other = Thread.ofPlatform().start(() -> send(link, "OTHER")); // as a heartbeat answer would
        other.join(10_000);
        assertEquals(List.of("HELD", "OTHER"), read(in, 2), "the other thread's flush carried the held frame first");
      } finally {
        LinkConnection.flushHeld();
        link.close("test over");
      }
    }
  }

  @Test
  void framesWrittenFromManyThreadsAtOnceEachArriveOnceWholeAndInTheOrderTheirThreadWroteThem()
      throws Exception {
    int threads = 6;
    int perThread = 3_000;
    try (Pair pair = new Pair()) {
      LinkConnection link = pair.link;
      try {
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int writer = t;
          writers.add(Thread.ofPlatform().start(() -> {
            for (int n = 0; n < perThread; n++) {
              send(link, writer + ":" + n);
            }
          }));
        }
        int[] next = new int[threads];
        for (String verb : read(pair.in, threads * perThread)) {
          int writer = Integer.parseInt(verb.substring(0, verb.indexOf(':')));
          int n = Integer.parseInt(verb.substring(verb.indexOf(':') + 1));
          assertEquals(next[writer], n, "writer " + writer + "'s frames arrive once each, in its order");
          next[writer]++;
        }
        for (Thread writer : writers) {
          writer.join(10_000);
        }
        for (int t = 0; t < threads; t++) {
          assertEquals(perThread, next[t], "every frame of writer " + t + " arrived");
        }
        assertEquals(0, available(pair.peer), "nothing more than what was written");
      } finally {
        link.close("test over");
      }
    }
  }

  @Test
  void aWriterWaitsForTheSocketOnceAPeerThatDoesNotReadHasLeftAMegabyteQueuedSoTheQueueStopsGrowing()
      throws Exception {
    try (Pair pair = new Pair()) {
      LinkConnection link = pair.link;
      byte[] body = new byte[2_000];
      Frame frame = new Frame.Data(1, "ACQ1", "ACQ1-1", "", 0, body);
      AtomicInteger written = new AtomicInteger();
      // Two writers, as the edge's session readers are: once the socket's buffers are full one of
      // them is stuck in the socket's write, the other queues; neither reads what the peer sends.
      List<Thread> writers = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        writers.add(Thread.ofPlatform().daemon().start(() -> {
          while (link.send(frame, "test link")) {
            written.incrementAndGet();
          }
        }));
      }
      // Only a writer that found the queue over its limit waits for the socket (lock()); the
      // others leave their frame to the writer and go on. By the time one waits, the writer in the
      // socket may have drained part of the queue again, so the queue is then at most at its limit.
      AtomicLong mostQueued = new AtomicLong();
      Poll.until("a writer waiting for the socket", () -> {
        mostQueued.accumulateAndGet(link.queuedBytes(), Math::max);
        return writers.stream().anyMatch(writer -> writer.getState() == Thread.State.WAITING);
      });
      int sends = written.get();
      long bound = LinkConnection.QUEUE_LIMIT_BYTES + 2L * (body.length + 64);
      assertTrue(mostQueued.get() <= bound,
          "the queue stopped at its limit (plus a frame per writer): at most " + mostQueued + " bytes");
      assertTrue(link.queuedBytes() <= bound, "and stays there: " + link.queuedBytes() + " bytes");
      // The connection closed, the writer in the socket's write fails and the waiting one too.
      link.close("test over");
      for (Thread writer : writers) {
        writer.join(10_000);
        assertTrue(!writer.isAlive(), "a closed connection ends the writers' waits");
      }
      assertTrue(sends > 0, "frames were sent before the buffers filled");
    }
  }

  /** A link connection over loopback and the raw socket at its other end, read with a 10 s timeout. */
  private static final class Pair implements AutoCloseable {
    final ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    final Socket client = new Socket(InetAddress.getLoopbackAddress(), listening.getLocalPort());
    final Socket peer = listening.accept();
    final LinkConnection link = new LinkConnection(client, MAX);
    final DataInputStream in = new DataInputStream(peer.getInputStream());

    Pair() throws IOException {
      peer.setSoTimeout(10_000);
    }

    @Override
    public void close() throws IOException {
      peer.close();
      client.close();
      listening.close();
    }
  }

  private static void send(LinkConnection link, String verb) {
    assertEquals(true, link.send(new Frame.Control(verb, Map.of()), "test link"), verb + " written");
  }

  private static int available(Socket socket) {
    try {
      return socket.getInputStream().available();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads {@code count} frames (blocking, under the socket's timeout); their verbs. */
  private static List<String> read(DataInputStream in, int count) throws IOException {
    List<String> verbs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      verbs.add(((Frame.Control) FrameCodec.read(in, MAX)).verb());
    }
    return verbs;
  }
}
