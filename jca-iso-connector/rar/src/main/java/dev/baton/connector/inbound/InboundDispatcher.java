package dev.baton.connector.inbound;

import dev.baton.connector.api.BankMessage;
import dev.baton.connector.api.IsoMessage;
import dev.baton.connector.api.SessionState;
import dev.baton.connector.session.BankSession;
import dev.baton.connector.session.InboundHandler;
import jakarta.resource.spi.work.WorkManager;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Takes what every bank session reads and hands it to the endpoints: one {@link SessionMailbox}
 * per configured session (by session id, so a buffer outlives a reconnect), and one sweeper thread
 * that declines or drops what waits past its deadline and resumes sessions whose delivery was
 * refused for a moment.
 */
public final class InboundDispatcher implements InboundHandler, AutoCloseable {

  private static final Logger LOG = System.getLogger(InboundDispatcher.class.getName());

  private final DeliveryRules rules;
  private final EndpointActivations activations;
  private final WorkManager workManager;
  private final Map<String, SessionMailbox> mailboxes = new ConcurrentHashMap<>();
  private final ScheduledExecutorService sweeper;

  public InboundDispatcher(
      DeliveryRules rules, EndpointActivations activations, WorkManager workManager) {
    this.rules = rules;
    this.activations = activations;
    this.workManager = workManager;
    this.sweeper = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("baton-iso-deadlines").daemon().factory());
    long every = rules.sweepInterval().toMillis();
    sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    activations.onActivation(this::resumeAll);
  }

  @Override
  public void onMessage(BankSession session, IsoMessage unpacked, byte[] frame) {
    Instant receivedAt = Instant.now();
    BankMessage message = new BankMessage(session.bankId(), session.sessionId(), unpacked, frame,
        receivedAt, receivedAt.plus(rules.deadline()));
    mailbox(session.bankId(), session.sessionId()).offer(new Pending.Message(session, message));
  }

  @Override
  public void onUndeliverable(BankSession session, String why) {
    LOG.log(Level.WARNING, "bank {0} session {1}: message not deliverable, dropped: {2}",
        session.bankId(), session.sessionId(), why);
    mailbox(session.bankId(), session.sessionId()).counters().lost.incrementAndGet();
  }

  @Override
  public void onStateChange(BankSession session, SessionState state) {
    mailbox(session.bankId(), session.sessionId())
        .offer(new Pending.StateChange(session, state));
  }

  /** What became of a session's inbound messages so far. */
  public DeliveryCounters.Snapshot delivery(String sessionId) {
    SessionMailbox mailbox = mailboxes.get(sessionId);
    return mailbox == null ? DeliveryCounters.Snapshot.none() : mailbox.snapshot();
  }

  /** Every session with something waiting starts delivering again. */
  public void resumeAll() {
    mailboxes.values().forEach(SessionMailbox::resume);
  }

  private SessionMailbox mailbox(String bankId, String sessionId) {
    return mailboxes.computeIfAbsent(sessionId,
        id -> new SessionMailbox(bankId, id, rules, activations, workManager));
  }

  private void sweep() {
    try {
      Instant now = Instant.now();
      for (SessionMailbox mailbox : mailboxes.values()) {
        mailbox.expireOverdue(now);
        mailbox.resume();
      }
    } catch (RuntimeException e) {
      // A failed sweep must not cancel the ones after it.
      LOG.log(Level.ERROR, "deadline sweep failed", e);
    }
  }

  /** Stops the sweeper; what is still queued is not delivered any more. */
  @Override
  public void close() {
    sweeper.shutdownNow();
  }
}
