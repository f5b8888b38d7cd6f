package dev.baton.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The thread that hands a link's frames to the application, in order, and the reader that may hand them itself. */
class FrameDeliveryTest {

  @Test
  void aFrameTheApplicationFailsOnWithAnExceptionOrAClassItCannotLoadDoesNotStopTheFramesAfterIt() {
    List<String> delivered = Collections.synchronizedList(new ArrayList<>());
    FrameDelivery delivery = new FrameDelivery("test", 16, frame -> {
      String verb = ((Frame.Control) frame).verb();
      switch (verb) {
        case "FAILS" -> throw new IllegalStateException("the application failed");
        case "UNLOADABLE" -> throw new NoClassDefFoundError("org/example/Missing");
        default -> delivered.add(verb);
      }
    });
    List<Thread> running = Collections.synchronizedList(new ArrayList<>());
    delivery.start(Thread.ofPlatform().factory(), "frame-delivery-test", running);
    try {
      for (String verb : List.of("FIRST", "FAILS", "UNLOADABLE", "LAST")) {
        delivery.offer(new Frame.Control(verb, Map.of()));
      }
      Poll.until("the frame after the failures delivered", () -> delivered.contains("LAST"));
      assertEquals(List.of("FIRST", "LAST"), delivered, "in order, the failed ones left out");
    } finally {
      delivery.close();
    }
  }

  @Test
  void framesHandedOverWhileOthersWaitInTheQueueHaveTheirLinkAndApplicationWritesSentTogetherAndALoneFrameItsOwn()
      throws InterruptedException {
    List<String> holding = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch firstTaken = new CountDownLatch(1);
    CountDownLatch goOn = new CountDownLatch(1);
    FrameDelivery.HeldWrites applicationWrites = new FrameDelivery.HeldWrites() {
      @Override
      public void hold() {
        holding.add("application holds");
      }

      @Override
      public void flush() {
        holding.add("application sends");
      }
    };
    FrameDelivery delivery = new FrameDelivery("test", 16, frame -> {
      String verb = ((Frame.Control) frame).verb();
      holding.add(verb + (LinkConnection.holdingFlushes() ? " held" : " flushed"));
      if (verb.equals("F1")) {
        firstTaken.countDown();
        awaitQuietly(goOn);
      }
    }, applicationWrites);
    List<Thread> running = Collections.synchronizedList(new ArrayList<>());
    delivery.start(Thread.ofPlatform().factory(), "frame-delivery-test", running);
    try {
      delivery.offer(new Frame.Control("F1", Map.of()));
      assertEquals(true, firstTaken.await(10, TimeUnit.SECONDS), "the first frame reached the application");
      for (String verb : List.of("F2", "F3", "F4")) {
        delivery.offer(new Frame.Control(verb, Map.of())); // queued behind the one in hand
      }
      goOn.countDown();
      Poll.until("the burst delivered and sent", () -> holding.contains("application sends"));
      delivery.offer(new Frame.Control("ALONE", Map.of()));
      Poll.until("the lone frame delivered", () -> holding.contains("ALONE flushed"));
      assertEquals(List.of("F1 flushed", "application holds", "F2 held", "F3 held", "F4 held", "application sends",
              "ALONE flushed"), holding,
          "held while frames waited behind, flushed once the queue was empty; a frame alone flushes its own");
    } finally {
      delivery.close();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aReaderWithNothingMoreToReadAndNothingQueuedHandsTheFrameOverItselfAndOtherwiseQueuesIt() {
    List<String> threads = Collections.synchronizedList(new ArrayList<>());
    FrameDelivery delivery = warm(frame -> threads.add(((Frame.Control) frame).verb() + " " + Thread.currentThread().getName()));
    List<Thread> running = Collections.synchronizedList(new ArrayList<>());
    delivery.start(Thread.ofPlatform().factory(), "frame-delivery-test", running);
    try {
      String reader = Thread.currentThread().getName();
      assertEquals(true, delivery.deliver(new Frame.Control("IDLE", Map.of()), false));
      assertEquals(List.of("IDLE " + reader), threads, "handed over before deliver returned, on the reader");
      delivery.deliver(new Frame.Control("BUSY", Map.of()), true);
      Poll.until("the frame read with more bytes waiting delivered", () -> threads.size() == 2);
      assertEquals("BUSY frame-delivery-test", threads.get(1), "queued for the delivery thread");
    } finally {
      delivery.close();
    }
  }

  @Test
  void aFrameReadWhileAnEarlierOneIsStillWithTheApplicationWaitsItsTurnAndTheApplicationNeverHasTwoAtOnce() throws Exception {
    CountDownLatch firstTaken = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    AtomicInteger inHand = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    List<String> delivered = Collections.synchronizedList(new ArrayList<>());
    FrameDelivery delivery = warm(frame -> {
      mostAtOnce.accumulateAndGet(inHand.incrementAndGet(), Math::max);
      String verb = ((Frame.Control) frame).verb();
      if (verb.equals("FIRST")) {
        firstTaken.countDown();
        try {
          releaseFirst.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      delivered.add(verb);
      inHand.decrementAndGet();
    });
    List<Thread> running = Collections.synchronizedList(new ArrayList<>());
    delivery.start(Thread.ofPlatform().factory(), "frame-delivery-test", running);
    try {
      delivery.deliver(new Frame.Control("FIRST", Map.of()), true);
      assertEquals(true, firstTaken.await(5, TimeUnit.SECONDS));
      // Nothing more to read, but the first frame is still with the application: queued behind it.
      delivery.deliver(new Frame.Control("SECOND", Map.of()), false);
      // Given again by the application meanwhile, as a set-aside frame is.
      delivery.offer(new Frame.Control("AGAIN", Map.of()));
      assertEquals(List.of(), delivered, "the reader did not hand the second frame over past the first");
      releaseFirst.countDown();
      Poll.until("every frame handed over", () -> delivery.unfinished() == 0);
      assertEquals(List.of("FIRST", "SECOND", "AGAIN"), delivered, "in the order read");
      delivery.deliver(new Frame.Control("IDLE", Map.of()), false);
      assertEquals(List.of("FIRST", "SECOND", "AGAIN", "IDLE"), delivered, "once all are done the reader hands over again");
      assertEquals(1, mostAtOnce.get(), "one frame at a time");
    } finally {
      delivery.close();
    }
  }

  /** Tried: three frames read with nothing more to read before, and one after, the warm-up. */
  @Test
  void theReaderHandsFramesOverItselfOnlyAfterTheDeliveryThreadHandedOverTheFirstOnes() {
    List<String> threads = Collections.synchronizedList(new ArrayList<>());
    FrameDelivery delivery = new FrameDelivery("test", 16,
        frame -> threads.add(Thread.currentThread().getName()), 3, Duration.ofSeconds(1), Duration.ofSeconds(1));
    List<Thread> running = Collections.synchronizedList(new ArrayList<>());
    delivery.start(Thread.ofPlatform().factory(), "frame-delivery-test", running);
    try {
      for (int i = 0; i < 3; i++) {
        delivery.deliver(new Frame.Control("COLD", Map.of()), false);
        Poll.until("frame handed over", () -> delivery.unfinished() == 0);
      }
      assertEquals(List.of("frame-delivery-test", "frame-delivery-test", "frame-delivery-test"), threads,
          "while cold, every frame went to the delivery thread");
      delivery.deliver(new Frame.Control("WARM", Map.of()), false);
      assertEquals(Thread.currentThread().getName(), threads.get(3), "warm: handed over on the reader");
    } finally {
      delivery.close();
    }
  }

  /** Tried: a frame whose handling on the reader takes 20 ms, against a limit of 5 ms. */
  @Test
  void aSlowHandingOnTheReaderSendsTheNextFramesToTheDeliveryThread() {
    List<String> threads = Collections.synchronizedList(new ArrayList<>());
    FrameDelivery delivery = new FrameDelivery("test", 16, frame -> {
      threads.add(Thread.currentThread().getName());
      if (((Frame.Control) frame).verb().equals("SLOW")) {
        // The application's own work taking long, not a wait for a condition.
        LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
      }
    }, 0, Duration.ofMillis(5), Duration.ofMinutes(1));
    List<Thread> running = Collections.synchronizedList(new ArrayList<>());
    delivery.start(Thread.ofPlatform().factory(), "frame-delivery-test", running);
    try {
      String reader = Thread.currentThread().getName();
      delivery.deliver(new Frame.Control("SLOW", Map.of()), false);
      assertEquals(List.of(reader), threads, "warm and idle: on the reader");
      delivery.deliver(new Frame.Control("NEXT", Map.of()), false);
      Poll.until("the next frame handed over", () -> threads.size() == 2);
      assertEquals("frame-delivery-test", threads.get(1), "after a slow one: the delivery thread");
      assertEquals(1, delivery.readerPauses(), "the pause is counted");
    } finally {
      delivery.close();
    }
  }

  /** A delivery that hands frames over on the reader from the first, for the tests of that. */
  private static FrameDelivery warm(java.util.function.Consumer<Frame> application) {
    return new FrameDelivery("test", 16, application, 0, Duration.ofSeconds(1), Duration.ofSeconds(1));
  }
}
