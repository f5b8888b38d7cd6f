package dev.baton.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void doublesFromTheMinimumUpToTheMaximumAndStartsOverAfterReset() {
    Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(2));

    List<Long> waits = Stream.generate(backoff::next).limit(8).map(Duration::toMillis).toList();
    backoff.reset();

    assertEquals(List.of(50L, 100L, 200L, 400L, 800L, 1600L, 2000L, 2000L), waits);
    assertEquals(Duration.ofMillis(50), backoff.next());
  }
}
