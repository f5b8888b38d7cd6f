package dev.baton.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** The state rule, on one connection's heartbeats, with DOWN after three misses. */
class HeartbeatsTest {

  private static final long NOW = 1_000_000_000_000L;
  private final Heartbeats heartbeats = new Heartbeats(3);

  @Test
  void isDownUntilTheNodeHasAnsweredOnce() {
    assertEquals(NodeState.DOWN, heartbeats.state());
    heartbeats.next();
    assertEquals(NodeState.DOWN, heartbeats.state());

    heartbeats.answered(1);

    assertEquals(NodeState.UP, heartbeats.state());
    assertEquals("connected", heartbeats.reasonFor(NodeState.UP));
  }

  @Test
  void isSuspectFromOneMissAndDownFromThree() {
    heartbeats.answered(heartbeats.next());

    heartbeats.next();
    assertEquals(NodeState.SUSPECT, heartbeats.state());
    assertEquals("1 heartbeat unanswered", heartbeats.reasonFor(NodeState.SUSPECT));
    heartbeats.next();
    assertEquals(NodeState.SUSPECT, heartbeats.state());
    heartbeats.next();
    assertEquals(NodeState.DOWN, heartbeats.state());
    assertEquals("3 heartbeats unanswered", heartbeats.reasonFor(NodeState.DOWN));
  }

  @Test
  void framesReadBetweenJudgementsCountAsAnAnswerToTheHeartbeatSentLast() {
    heartbeats.answered(heartbeats.next());
    heartbeats.next();
    heartbeats.next();
    assertEquals(NodeState.SUSPECT, heartbeats.state());

    heartbeats.frameRead();
    heartbeats.takeFramesRead(NOW);
    assertEquals(NodeState.UP, heartbeats.state(), "a node sending frames is alive");
    heartbeats.next();
    heartbeats.takeFramesRead(NOW);
    assertEquals(NodeState.SUSPECT, heartbeats.state(), "nothing read since: one miss");
    heartbeats.next();
    heartbeats.next();
    heartbeats.takeFramesRead(NOW);
    assertEquals(NodeState.DOWN, heartbeats.state(), "three heartbeats since the last frame");
    assertEquals("3 heartbeats unanswered", heartbeats.reasonFor(NodeState.DOWN));
  }

  @Test
  void aReaderBusyHandingAFrameOverCountsTheNodeAliveUntilTheLimitThenTheMissesCountAgain() {
    heartbeats.answered(heartbeats.next());
    heartbeats.readerBusy(NOW);
    for (int i = 0; i < 5; i++) {
      heartbeats.next();
      heartbeats.takeFramesRead(NOW + i * 100_000_000L);
    }
    assertEquals(NodeState.UP, heartbeats.state(), "the reader cannot read the answers, the node is not silent");

    heartbeats.next();
    heartbeats.next();
    heartbeats.next();
    heartbeats.takeFramesRead(NOW + Heartbeats.READER_BUSY_LIMIT_NANOS);
    assertEquals(NodeState.DOWN, heartbeats.state(), "busy past the limit: three heartbeats since the last sign");

    heartbeats.readerReading();
    heartbeats.next();
    heartbeats.takeFramesRead(NOW + Heartbeats.READER_BUSY_LIMIT_NANOS + 1);
    assertEquals(NodeState.DOWN, heartbeats.state(), "reading again and nothing read: still silent");
  }

  @Test
  void framesReadBeforeTheFirstAnswerDoNotMakeTheNodeUp() {
    heartbeats.next();
    heartbeats.frameRead();
    heartbeats.takeFramesRead(NOW);

    assertEquals(NodeState.DOWN, heartbeats.state());
  }

  @Test
  void countsOnlyHeartbeatsSentAfterTheLastOneAnswered() {
    heartbeats.answered(heartbeats.next());
    assertEquals("connected", heartbeats.reasonFor(NodeState.UP));
    for (int i = 0; i < 5; i++) {
      heartbeats.next();
    }
    long latest = heartbeats.next();

    heartbeats.answered(latest);

    assertEquals(0, heartbeats.misses());
    assertEquals(NodeState.UP, heartbeats.state());
    assertEquals("heartbeats answered again", heartbeats.reasonFor(NodeState.UP));
  }

  @Test
  void ignoresAnAnswerToAHeartbeatNeverSent() {
    heartbeats.next();

    assertFalse(heartbeats.answered(2));
    assertFalse(heartbeats.answered(0));
    assertEquals(NodeState.DOWN, heartbeats.state());
  }
}
