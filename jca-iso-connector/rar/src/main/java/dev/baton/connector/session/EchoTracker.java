package dev.baton.connector.session;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/**
 * The echo tests of one configured session, over all its connections: the trace numbers, what was
 * sent, answered and missed, and whether the bank is marked overdue. At most one echo is
 * outstanding at a time, so an answer is matched on its trace number alone. The mark survives a
 * reconnect (a bank that never answers stays marked) and clears only when an answer arrives.
 * Thread-safe: the echo loop and the reader thread both use it.
 */
public final class EchoTracker {

  private static final Logger LOG = System.getLogger(EchoTracker.class.getName());
  // Field 7, transmission date and time: MMDDhhmmss in GMT, as ISO 8583 defines it.
  private static final DateTimeFormatter TRANSMISSION =
      DateTimeFormatter.ofPattern("MMddHHmmss").withZone(ZoneOffset.UTC);

  private final String bankId;
  private final String sessionId;
  private final int missLimit;
  private final AtomicInteger stan = new AtomicInteger();
  private String outstandingStan;
  private long sent;
  private long answered;
  private long missed;
  private int missedInARow;
  private boolean overdue;
  private Instant lastSentAt;
  private Instant lastAnsweredAt;

  /**
   * @param bankId the bank, for logs
   * @param sessionId the session, for logs
   * @param missLimit echo tests in a row left unanswered before the bank is marked overdue
   */
  public EchoTracker(String bankId, String sessionId, int missLimit) {
    if (missLimit < 1) {
      throw new IllegalArgumentException("echo miss limit must be >= 1: " + missLimit);
    }
    this.bankId = bankId;
    this.sessionId = sessionId;
    this.missLimit = missLimit;
  }

  /** The next echo test: 0800, field 7 now, field 11 from the session's own trace counter. */
  public ISOMsg newEcho(Instant now) throws ISOException {
    ISOMsg echo = new ISOMsg("0800");
    echo.set(7, TRANSMISSION.format(now));
    echo.set(11, nextStan());
    echo.set(70, NetworkManagement.Request.ECHO.code());
    return echo;
  }

  /**
   * The echo test is about to be written; its answer is awaited from now on. Recorded before the
   * write because on loopback the answer can be read before the write call has even returned.
   */
  public synchronized void sending(ISOMsg echo, Instant at) {
    outstandingStan = echo.getString(11);
    sent++;
    lastSentAt = at;
  }

  /** The write of an echo test announced by {@link #sending} failed: it was never sent. */
  public synchronized void unsent(ISOMsg echo) {
    if (echo.getString(11).equals(outstandingStan)) {
      outstandingStan = null;
      sent--;
    }
  }

  /** Whether the echo test with this trace number is still waiting for its answer. */
  public synchronized boolean awaits(String stan) {
    return stan != null && stan.equals(outstandingStan);
  }

  /**
   * The outstanding echo test had its whole interval and got no answer: it counts as missed, and
   * the bank is marked overdue when that makes the limit.
   *
   * @param stan the echo's trace number; nothing happens unless it is the outstanding one
   * @param peer the peer's address, for the log line
   */
  public synchronized void expire(String stan, String peer) {
    if (!awaits(stan)) {
      return;
    }
    String stanMissed = outstandingStan;
    outstandingStan = null;
    missed++;
    missedInARow++;
    LOG.log(Level.DEBUG, "bank {0} session {1}: echo {2} unanswered ({3} in a row)",
        bankId, sessionId, stanMissed, missedInARow);
    if (!overdue && missedInARow >= missLimit) {
      overdue = true;
      LOG.log(Level.WARNING, "bank {0} session {1}: echo overdue, {2} echo tests in a row "
          + "unanswered by {3}; the session stays connected",
          bankId, sessionId, missedInARow, peer);
    }
  }

  /**
   * An echo answer (0810, field 70 = 301) from the bank. Only the outstanding echo's answer counts;
   * a late one (its echo already counted missed) or an unsolicited one is ignored. Either way the
   * adapter keeps it: echo answers never reach the application.
   */
  public synchronized void answered(ISOMsg answer, Instant at) {
    String answeredStan = answer.getString(11);
    if (outstandingStan == null || !outstandingStan.equals(answeredStan)) {
      LOG.log(Level.DEBUG, "bank {0} session {1}: echo answer {2} ignored, awaiting {3}",
          bankId, sessionId, answeredStan, outstandingStan);
      return;
    }
    outstandingStan = null;
    answered++;
    lastAnsweredAt = at;
    int missedBefore = missedInARow;
    missedInARow = 0;
    if (overdue) {
      overdue = false;
      LOG.log(Level.INFO, "bank {0} session {1}: echo answered again after {2} missed, "
          + "overdue mark cleared", bankId, sessionId, missedBefore);
    }
  }

  /**
   * The connection an echo went out on ended: its answer cannot come any more, and it does not
   * count as missed (the bank did not get a fair chance). The mark stays.
   *
   * @param stan the last echo sent on that connection, or null; an echo another connection has
   *     outstanding is left alone
   */
  public synchronized void connectionEnded(String stan) {
    if (stan != null && stan.equals(outstandingStan)) {
      outstandingStan = null;
    }
  }

  /** The echo figures as they are now. */
  public synchronized Snapshot snapshot() {
    return new Snapshot(sent, answered, missed, missedInARow, overdue, lastSentAt, lastAnsweredAt);
  }

  private String nextStan() {
    // Six digits, 000001 to 999999: 000000 is not a valid trace number for most banks.
    int next = stan.updateAndGet(current -> current >= 999_999 ? 1 : current + 1);
    return String.format("%06d", next);
  }

  /**
   * Echo figures at one moment.
   *
   * @param sent echo tests sent
   * @param answered echo tests answered within their interval
   * @param missed echo tests left unanswered for their whole interval
   * @param missedInARow the misses since the last answer
   * @param overdue whether the bank is marked for missing the limit in a row
   * @param lastSentAt when the last echo test went out, or null
   * @param lastAnsweredAt when the last answer in time arrived, or null
   */
  public record Snapshot(long sent, long answered, long missed, int missedInARow, boolean overdue,
      Instant lastSentAt, Instant lastAnsweredAt) {}
}
