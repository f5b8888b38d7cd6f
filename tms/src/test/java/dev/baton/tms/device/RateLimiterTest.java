package dev.baton.tms.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private final AtomicLong nanos = new AtomicLong();
  private final RateLimiter limiter = new RateLimiter(3, 60, nanos::get);

  @Test
  void allowsTheBurstThenRefusesWithTheWaitUntilTheNextToken() {
    for (int i = 0; i < 3; i++) {
      assertEquals(Duration.ZERO, limiter.acquire(7));
    }
    assertEquals(Duration.ofSeconds(1), limiter.acquire(7));
    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    assertEquals(Duration.ZERO, limiter.acquire(7));
  }

  @Test
  void limitsEachTerminalOnItsOwn() {
    for (int i = 0; i < 3; i++) {
      limiter.acquire(1);
    }
    assertTrue(limiter.acquire(1).compareTo(Duration.ZERO) > 0);
    assertEquals(Duration.ZERO, limiter.acquire(2));
  }

  @Test
  void forgetsOnlyBucketsThatRefilled() {
    limiter.acquire(1);
    limiter.acquire(2);
    nanos.addAndGet(Duration.ofMillis(500).toNanos());
    limiter.acquire(2);
    nanos.addAndGet(Duration.ofMillis(600).toNanos());
    limiter.forgetIdle();
    assertEquals(1, limiter.tracked(), "terminal 1 refilled after 1.1 s, terminal 2 (used again at 0.5 s) not yet");
  }
}
