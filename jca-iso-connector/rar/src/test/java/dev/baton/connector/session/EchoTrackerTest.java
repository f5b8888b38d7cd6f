package dev.baton.connector.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The echo bookkeeping alone: matching, misses, the overdue mark and its log lines. */
class EchoTrackerTest {

  private static final Instant NOW = Instant.parse("2026-11-23T14:27:10Z");

  private final Logger logger = Logger.getLogger(EchoTracker.class.getName());
  private final List<LogRecord> lines = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord line) {
      if (line.getLevel().intValue() >= Level.INFO.intValue()) {
        lines.add(line);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private final EchoTracker tracker = new EchoTracker("ACQ1", "ACQ1-1", 3);

  @BeforeEach
  void captureLogs() {
    logger.addHandler(capture);
  }

  @AfterEach
  void releaseLogs() {
    logger.removeHandler(capture);
  }

  @Test
  void buildsEchoTestsWithTransmissionTimeAndTheSessionsOwnTraceNumbers() throws Exception {
    ISOMsg first = tracker.newEcho(NOW);
    ISOMsg second = tracker.newEcho(NOW);

    assertEquals("0800", first.getMTI());
    assertEquals("301", first.getString(70));
    assertEquals("1123142710", first.getString(7));
    assertEquals("000001", first.getString(11));
    assertEquals("000002", second.getString(11));
    assertEquals("000001", new EchoTracker("ISS1", "ISS1-1", 3).newEcho(NOW).getString(11),
        "each session counts its own trace numbers");
  }

  @Test
  void countsAnAnswerToTheOutstandingEcho() throws Exception {
    ISOMsg echo = send();
    assertTrue(tracker.awaits(echo.getString(11)));

    tracker.answered(answerTo(echo), NOW.plusMillis(5));

    EchoTracker.Snapshot now = tracker.snapshot();
    assertFalse(tracker.awaits(echo.getString(11)));
    assertEquals(1, now.sent());
    assertEquals(1, now.answered());
    assertEquals(0, now.missed());
    assertEquals(NOW, now.lastSentAt());
    assertEquals(NOW.plusMillis(5), now.lastAnsweredAt());
    assertTrue(lines.isEmpty(), "a bank that answers is not reported");
  }

  @Test
  void marksTheBankAtTheMissLimitAndClearsTheMarkAtTheNextAnswer() throws Exception {
    for (int i = 0; i < 5; i++) {
      tracker.expire(send().getString(11), "127.0.0.1:4242");
      assertEquals(i >= 2, tracker.snapshot().overdue(), "after miss " + (i + 1));
    }
    assertEquals(1, lines.size(), "one line when the mark is set, not one per miss");
    assertEquals(Level.WARNING, lines.getFirst().getLevel());
    assertTrue(lines.getFirst().getMessage().contains("bank {0} session {1}"));
    assertEquals("ACQ1", lines.getFirst().getParameters()[0]);
    assertEquals("ACQ1-1", lines.getFirst().getParameters()[1]);

    ISOMsg echo = send();
    tracker.answered(answerTo(echo), NOW);

    EchoTracker.Snapshot recovered = tracker.snapshot();
    assertFalse(recovered.overdue());
    assertEquals(0, recovered.missedInARow());
    assertEquals(5, recovered.missed());
    assertEquals(6, recovered.sent());
    assertEquals(2, lines.size(), "one more line when the mark clears");
    assertEquals(Level.INFO, lines.getLast().getLevel());
  }

  @Test
  void ignoresLateAndUnsolicitedAnswers() throws Exception {
    ISOMsg late = send();
    tracker.expire(late.getString(11), "peer");
    ISOMsg current = send();

    tracker.answered(answerTo(late), NOW);
    assertTrue(tracker.awaits(current.getString(11)),
        "a late answer does not answer the current echo");
    assertEquals(0, tracker.snapshot().answered());
    assertNull(tracker.snapshot().lastAnsweredAt());

    tracker.answered(answerTo(current), NOW);
    assertEquals(1, tracker.snapshot().answered());
    assertNotNull(tracker.snapshot().lastAnsweredAt());
  }

  @Test
  void aClosedConnectionDropsOnlyItsOwnOutstandingEchoAndKeepsTheMark() throws Exception {
    EchoTracker strict = new EchoTracker("ACQ1", "ACQ1-1", 1);
    ISOMsg echo = strict.newEcho(NOW);
    strict.sending(echo, NOW);
    strict.expire(echo.getString(11), "peer");
    ISOMsg onNewConnection = strict.newEcho(NOW);
    strict.sending(onNewConnection, NOW);

    strict.connectionEnded(echo.getString(11));
    assertTrue(strict.awaits(onNewConnection.getString(11)),
        "the old connection's end leaves the new one's echo");
    strict.connectionEnded(onNewConnection.getString(11));
    assertFalse(strict.awaits(onNewConnection.getString(11)));
    assertEquals(1, strict.snapshot().missed(), "an echo cut off by a close is not a miss");
    assertTrue(strict.snapshot().overdue(), "only an answer clears the mark");
  }

  @Test
  void anEchoWhoseWriteFailedIsNeitherSentNorOutstanding() throws Exception {
    ISOMsg echo = send();

    tracker.unsent(echo);

    assertFalse(tracker.awaits(echo.getString(11)));
    assertEquals(0, tracker.snapshot().sent());
  }

  @Test
  void expiresOnlyTheOutstandingEcho() throws Exception {
    ISOMsg echo = send();

    tracker.expire("999999", "peer");

    assertTrue(tracker.awaits(echo.getString(11)));
    assertEquals(0, tracker.snapshot().missed());
  }

  @Test
  void refusesAMissLimitBelowOne() {
    assertThrows(IllegalArgumentException.class, () -> new EchoTracker("A", "A-1", 0));
  }

  private ISOMsg send() throws Exception {
    ISOMsg echo = tracker.newEcho(NOW);
    tracker.sending(echo, NOW);
    return echo;
  }

  private static ISOMsg answerTo(ISOMsg echo) throws Exception {
    ISOMsg answer = (ISOMsg) echo.clone();
    answer.setResponseMTI();
    answer.set(39, "00");
    return answer;
  }
}
