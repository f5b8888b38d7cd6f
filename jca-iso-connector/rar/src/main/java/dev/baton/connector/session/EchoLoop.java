package dev.baton.connector.session;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/**
 * Sends echo tests on one connection while it lasts. An echo goes out only when the bank has sent
 * nothing for a whole interval (traffic already proves the link works), and waits one interval
 * for its answer before it counts as missed. The loop sleeps on the session's closed latch, so it
 * ends as soon as the connection does; it never closes the connection itself.
 */
final class EchoLoop implements Runnable {

  private static final Logger LOG = System.getLogger(EchoLoop.class.getName());
  private static final long MIN_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final BankSession session;
  private final EchoTracker tracker;
  private final long intervalNanos;
  private long sentAtNanos;
  private String sentStan;

  EchoLoop(BankSession session, EchoTracker tracker, Duration interval) {
    this.session = session;
    this.tracker = tracker;
    this.intervalNanos = interval.toNanos();
  }

  @Override
  public void run() {
    try {
      while (true) {
        if (!tick(System.nanoTime())) {
          return;
        }
        long wait = Math.max(nextWakeNanos() - System.nanoTime(), MIN_WAIT_NANOS);
        if (session.awaitClosed(wait, TimeUnit.NANOSECONDS)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      // Only this connection's echo: a replacing connection may already have one outstanding.
      tracker.connectionEnded(sentStan);
    }
  }

  /** Expires an unanswered echo and sends the next one when due; false when echoes must stop. */
  private boolean tick(long now) {
    // Only this loop's own echo: one a replaced connection left outstanding is not this one's.
    if (tracker.awaits(sentStan) && now - sentAtNanos >= intervalNanos) {
      tracker.expire(sentStan, session.peer());
    }
    if (tracker.awaits(sentStan) || now - session.lastReceivedNanos() < intervalNanos) {
      return true;
    }
    ISOMsg echo;
    try {
      echo = tracker.newEcho(Instant.now());
    } catch (ISOException e) {
      return stop(e);
    }
    sentAtNanos = now;
    sentStan = echo.getString(11);
    tracker.sending(echo, Instant.now());
    try {
      session.send(echo);
      return true;
    } catch (IOException | ISOException | RuntimeException e) {
      tracker.unsent(echo);
      return stop(e);
    }
  }

  private boolean stop(Exception e) {
    // A write that fails means the connection is going (the reader will close it), or the bank's
    // packager cannot carry an echo; either way retrying every interval helps nobody.
    LOG.log(Level.WARNING, "bank {0} session {1}: echo test to {2} failed, no more echo tests "
        + "on this connection: {3}", session.bankId(), session.sessionId(), session.peer(),
        e.getMessage());
    return false;
  }

  private long nextWakeNanos() {
    return tracker.awaits(sentStan)
        ? sentAtNanos + intervalNanos
        : session.lastReceivedNanos() + intervalNanos;
  }
}
