package dev.baton.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
  void aReaderWithNothingMoreToReadAndNothingQueuedHandsTheFrameOverItselfAndOtherwiseQueuesIt() {
    List<String> threads = Collections.synchronizedList(new ArrayList<>());
    FrameDelivery delivery = new FrameDelivery("test", 16, frame -> threads.add(((Frame.Control) frame).verb() + " " + Thread.currentThread().getName()));
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
    FrameDelivery delivery = new FrameDelivery("test", 16, frame -> {
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
}
