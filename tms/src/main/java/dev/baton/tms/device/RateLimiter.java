package dev.baton.tms.device;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per terminal: up to {@code burst} calls at once, refilled at {@code perMinute}
 * calls a minute. A terminal over its limit is answered 429 before its credential is even
 * checked, so a looping terminal costs the database nothing.
 */
public final class RateLimiter {

  private static final class Bucket {
    double tokens;
    long refilledAt;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.refilledAt = now;
    }
  }

  private static final int SWEEP_EVERY = 100_000;

  private final int burst;
  private final double tokensPerNano;
  private final LongSupplier nanoClock;
  private final ConcurrentHashMap<Long, Bucket> buckets = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong calls = new java.util.concurrent.atomic.AtomicLong();

  public RateLimiter(int burst, int perMinute, LongSupplier nanoClock) {
    this.burst = burst;
    this.tokensPerNano = perMinute / (double) Duration.ofMinutes(1).toNanos();
    this.nanoClock = nanoClock;
  }

  /**
   * Takes one call from the terminal's bucket.
   *
   * @return zero when the call may go ahead, else how long until it may (for Retry-After)
   */
  public Duration acquire(long terminalId) {
    if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
      forgetIdle();
    }
    long now = nanoClock.getAsLong();
    Bucket bucket = buckets.computeIfAbsent(terminalId, id -> new Bucket(burst, now));
    synchronized (bucket) {
      bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.refilledAt) * tokensPerNano);
      bucket.refilledAt = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return Duration.ZERO;
      }
      return Duration.ofNanos((long) Math.ceil((1 - bucket.tokens) / tokensPerNano));
    }
  }

  /** Forgets buckets that have refilled completely (they behave like new ones); bounds memory. */
  public void forgetIdle() {
    long now = nanoClock.getAsLong();
    buckets.entrySet().removeIf(entry -> {
      Bucket bucket = entry.getValue();
      synchronized (bucket) {
        return bucket.tokens + (now - bucket.refilledAt) * tokensPerNano >= burst;
      }
    });
  }

  int tracked() {
    return buckets.size();
  }
}
