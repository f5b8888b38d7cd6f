package dev.baton.simulator.acquirer;

import dev.baton.simulator.traffic.CardNumbers;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;

/**
 * An acquirer bank under load: opens and signs on its sessions, sends requests at the configured
 * total rate for the configured time, waits for the last answers (at most the timeout), and
 * returns what it counted.
 */
public final class AcquirerSimulator {

  private static final long SWEEP_MILLIS = 20;
  private static final long WAIT_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private final AcquirerSettings settings;

  public AcquirerSimulator(AcquirerSettings settings) {
    this.settings = settings;
  }

  /**
   * Runs the whole load and returns its summary.
   *
   * @throws IOException when a session cannot connect or is refused its sign-on; nothing is sent
   *     then
   */
  public AcquirerSummary run() throws IOException {
    try (Open open = open(settings)) {
      return open.run(settings.rate(), settings.duration(), settings.timeout());
    }
  }

  /**
   * Opens and signs on every session for one run or several: a bench's steps run on the same
   * sessions, as a bank keeps its sessions up for days rather than connecting for every burst.
   *
   * @throws IOException when a session cannot connect or is refused its sign-on; those opened
   *     are closed again then
   */
  public static Open open(AcquirerSettings settings) throws IOException {
    List<AcquirerSession> sessions = new ArrayList<>();
    int runId = ThreadLocalRandom.current().nextInt(10_000);
    AcquirerTally first = new AcquirerTally();
    try {
      for (int i = 0; i < settings.sessions(); i++) {
        AcquirerSession session = new AcquirerSession(i, settings, first, runId);
        sessions.add(session);
        session.open();
      }
    } catch (IOException | RuntimeException e) {
      sessions.forEach(AcquirerSession::close);
      throw e;
    }
    return new Open(settings, sessions);
  }

  /** Signed-on sessions that runs send on, one run at a time; closing signs them off. */
  public static final class Open implements AutoCloseable {
    private final AcquirerSettings settings;
    private final List<AcquirerSession> sessions;

    private Open(AcquirerSettings settings, List<AcquirerSession> sessions) {
      this.settings = settings;
      this.sessions = sessions;
    }

    /** Whether every session is still connected: a switch may have closed one. */
    public boolean connected() {
      return sessions.stream().allMatch(AcquirerSession::connected);
    }

    /**
     * Sends at {@code rate} for {@code duration}, waits for the last answers (a request unanswered
     * after {@code timeout} counts as unanswered) and returns what this run counted; an answer
     * that comes after its request's run ended counts as a late answer of the run under way.
     */
    public AcquirerSummary run(double rate, Duration duration, Duration timeout) {
      return run(rate, duration, timeout, timeout);
    }

    /**
     * As {@link #run(double, Duration, Duration)}, and each 100 ms window of the run's timeline
     * counts the answers slower than {@code tail}.
     */
    public AcquirerSummary run(double rate, Duration duration, Duration timeout, Duration tail) {
      AcquirerSettings run = settings.at(rate, duration, timeout);
      long timeoutNanos = timeout.toNanos();
      ScheduledExecutorService sweeper =
          Executors.newSingleThreadScheduledExecutor(
              Thread.ofPlatform().daemon().name("acquirer-timeouts").factory());
      try {
        long start = System.nanoTime();
        AcquirerTally tally = new AcquirerTally(
            new LatencyTimeline(start, Instant.now(), run.duration().toNanos(),
                TimeUnit.NANOSECONDS.toMicros(tail.toNanos())));
        sessions.forEach(session -> session.countInto(tally));
        sweeper.scheduleAtFixedRate(
            () -> sessions.forEach(s -> s.expire(System.nanoTime(), timeoutNanos)),
            SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        paceAll(run, sessions, start, start + run.duration().toNanos());
        long sendingNanos = System.nanoTime() - start;
        awaitLastAnswers(run, sessions);
        sweeper.shutdownNow();
        sessions.forEach(AcquirerSession::expireAll);
        return tally.summarize(run, start, sendingNanos);
      } finally {
        sweeper.shutdownNow();
      }
    }

    @Override
    public void close() {
      sessions.forEach(AcquirerSession::close);
    }
  }

  /** One pacer thread per session, each at its share of the rate, staggered within a period. */
  private static void paceAll(
      AcquirerSettings settings, List<AcquirerSession> sessions, long start, long end) {
    long interval = settings.sessionIntervalNanos();
    List<Thread> pacers = new ArrayList<>();
    for (int i = 0; i < sessions.size(); i++) {
      AcquirerSession session = sessions.get(i);
      long firstSend = start + interval * i / sessions.size();
      pacers.add(
          Thread.ofPlatform()
              .name("acquirer-" + i + "-pacer")
              .start(() -> pace(settings, session, firstSend, interval, end)));
    }
    for (Thread pacer : pacers) {
      try {
        pacer.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Sends on a fixed schedule. A send that is late is not rescheduled: it goes at once and its
   * latency still counts from the slot it missed, so a slow peer cannot slow the offered load.
   */
  private static void pace(
      AcquirerSettings settings, AcquirerSession session, long firstSend, long interval, long end) {
    RandomGenerator random = ThreadLocalRandom.current();
    for (long slot = 0; ; slot++) {
      long scheduled = firstSend + slot * interval;
      if (scheduled >= end || Thread.currentThread().isInterrupted()) {
        return;
      }
      for (long wait = scheduled - System.nanoTime(); wait > 0;
          wait = scheduled - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      String mti = random.nextDouble() < settings.financialShare() ? "0200" : "0100";
      session.send(mti, CardNumbers.draw(settings.cards().pick(random), random), scheduled);
    }
  }

  /**
   * Every request either gets its answer or times out, and reversals come at the latest one
   * timeout after the last request, so two timeouts bound the wait.
   */
  private static void awaitLastAnswers(AcquirerSettings settings, List<AcquirerSession> sessions) {
    long deadline = System.nanoTime() + 2 * settings.timeout().toNanos() + WAIT_POLL_NANOS;
    while (sessions.stream().anyMatch(AcquirerSession::awaitsAnswers)
        && System.nanoTime() < deadline) {
      LockSupport.parkNanos(WAIT_POLL_NANOS);
    }
  }
}
