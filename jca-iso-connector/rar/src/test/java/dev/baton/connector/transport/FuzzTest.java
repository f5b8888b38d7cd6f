package dev.baton.connector.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.connector.config.BankSessionConfig;
import dev.baton.connector.config.ErrorPolicy;
import dev.baton.connector.config.SessionMode;
import dev.baton.connector.framing.FrameRules;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.packager.ISO87BPackager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Throws 100,000 random and mutated frames at one session while a well-behaved bank on another
 * session keeps sending authorizations: the adapter stays up and the bank gets every answer.
 */
class FuzzTest {

  private static final int FRAMES = 100_000;
  private static final ThreadFactory THREADS = Thread.ofVirtual().name("fuzz-session-", 0).factory();

  @Test
  @Timeout(value = 50, unit = TimeUnit.SECONDS)
  void survivesGarbageWhileAnotherBanksTrafficFlows() throws Exception {
    AnsweringHandler handler = new AnsweringHandler();
    ListeningEndpoint target = (ListeningEndpoint) SessionEndpoint.of(
        BankSessionConfig.of("ACQ1", "ACQ1-1", SessionMode.LISTEN, "127.0.0.1", 0)
            .withErrorPolicy(new ErrorPolicy(50))
            .withFrameRules(FrameRules.defaults().withReadTimeout(Duration.ofSeconds(2))),
        handler, THREADS);
    ListeningEndpoint good = (ListeningEndpoint) SessionEndpoint.of(
        BankSessionConfig.of("ISS1", "ISS1-1", SessionMode.LISTEN, "127.0.0.1", 0), handler, THREADS);
    target.start();
    good.start();
    AtomicBoolean fuzzing = new AtomicBoolean(true);
    long[] traffic = new long[2];
    Thread bankTraffic = Thread.ofPlatform().name("good-bank").start(() -> {
      try (TestBank bank = new TestBank(good.localPort())) {
        bank.signOn();
        while (fuzzing.get()) {
          ISOMsg request = bank.authorization();
          traffic[0]++;
          ISOMsg answer = bank.request(request);
          if ("00".equals(answer.getString(39)) && request.getString(11).equals(answer.getString(11))) {
            traffic[1]++;
          }
        }
      } catch (Exception e) {
        traffic[1] = -1;
      }
    });

    long started = System.nanoTime();
    long sent = fuzz(target, FRAMES);
    fuzzing.set(false);
    bankTraffic.join();
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    assertTrue(sent >= FRAMES);
    assertTrue(target.counters().snapshot().connections() > 1, "policies closed connections");
    assertTrue(traffic[0] > 0, "the good bank sent requests while the fuzzer ran");
    assertEquals(traffic[0], traffic[1], "every request of the good bank answered 00, in order");
    try (TestBank afterwards = new TestBank(target.localPort())) {
      assertEquals("00", afterwards.signOn().getString(39), "the fuzzed session still serves");
    }
    // Into the surefire report: the numbers say how hard the session was hit.
    System.out.printf("%d fuzz frames in %d ms; good bank %d round trips; fuzzed session %s%n",
        sent, millis, traffic[0], target.counters().snapshot());
    target.stop();
    good.stop();
  }

  /**
   * Writes frames over as many connections as the adapter's policies make it take, until the
   * adapter has read the given number. Frames still in flight when the adapter closes a
   * connection are lost, so what counts is what the session's counters saw.
   */
  private static long fuzz(ListeningEndpoint target, int frames) throws Exception {
    SplittableRandom random = new SplittableRandom(8583);
    byte[] valid = validImage();
    while (seen(target) < frames) {
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), target.localPort())) {
        Thread drainer = Thread.ofVirtual().start(() -> drain(socket));
        OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16_384);
        while (seen(target) < frames && drainer.isAlive()) {
          for (int i = 0; i < 100; i++) {
            out.write(nextFrame(random, valid));
          }
          out.flush();
        }
        socket.shutdownOutput();
        drainer.join();
      } catch (IOException closedByAdapter) {
        // The adapter's policy closed the connection: dial again, as a broken bank would.
      }
    }
    return seen(target);
  }

  private static long seen(ListeningEndpoint target) {
    var counted = target.counters().snapshot();
    return counted.framesIn() + counted.oversizedFrames();
  }

  private static byte[] nextFrame(SplittableRandom random, byte[] valid) {
    int kind = random.nextInt(1000);
    if (kind == 0) {
      return new byte[] {(byte) 0xFF, (byte) 0xFF}; // oversized: the session closes
    }
    byte[] image;
    if (kind < 450) {
      image = valid.clone();
      for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
        image[random.nextInt(image.length)] ^= (byte) (1 << random.nextInt(8));
      }
    } else if (kind < 550) {
      image = Arrays.copyOf(valid, 1 + random.nextInt(valid.length - 1));
    } else {
      image = new byte[1 + random.nextInt(120)];
      random.nextBytes(image);
    }
    byte[] frame = new byte[image.length + 2];
    frame[0] = (byte) (image.length >> 8);
    frame[1] = (byte) image.length;
    System.arraycopy(image, 0, frame, 2, image.length);
    return frame;
  }

  private static void drain(Socket socket) {
    byte[] buffer = new byte[65_536];
    try {
      InputStream in = socket.getInputStream();
      while (in.read(buffer) >= 0) {
        // Answers to garbage are not what this test checks.
      }
    } catch (IOException ended) {
      // The connection is gone; the writer finds out on its own.
    }
  }

  private static byte[] validImage() throws Exception {
    ISOMsg message = new ISOMsg("0100");
    message.setPackager(new ISO87BPackager());
    message.set(2, "4111111111111111");
    message.set(3, "000000");
    message.set(4, "000000001000");
    message.set(11, "000001");
    message.set(37, "RRN000000001");
    message.set(41, "TERM0001");
    message.set(49, "978");
    return message.pack();
  }
}
