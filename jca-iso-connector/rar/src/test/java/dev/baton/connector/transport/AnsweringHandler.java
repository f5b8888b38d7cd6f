package dev.baton.connector.transport;

import dev.baton.connector.api.IsoMessage;
import dev.baton.connector.api.SessionState;
import dev.baton.connector.session.Answers;
import dev.baton.connector.session.BankSession;
import dev.baton.connector.session.InboundHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Plays the application: approves every request at once, and remembers what it saw. */
final class AnsweringHandler implements InboundHandler {

  final AtomicLong answered = new AtomicLong();
  final List<SessionState> states = new CopyOnWriteArrayList<>();
  /** The last message the session handed over, and its frame as received. */
  volatile IsoMessage lastMessage;
  volatile byte[] lastFrame;

  @Override
  public void onMessage(BankSession session, IsoMessage message, byte[] frame) {
    lastMessage = message;
    lastFrame = frame;
    try {
      if (message.isRequest()) {
        session.answerFrame(frame, Answers.APPROVED);
        answered.incrementAndGet();
      }
    } catch (Exception e) {
      // The bank went away in the meantime; the test that cares counts answers.
    }
  }

  @Override
  public void onStateChange(BankSession session, SessionState state) {
    states.add(state);
  }
}
