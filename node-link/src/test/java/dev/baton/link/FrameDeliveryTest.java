package dev.baton.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The thread that hands a link's frames to the application, in order. */
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
}
