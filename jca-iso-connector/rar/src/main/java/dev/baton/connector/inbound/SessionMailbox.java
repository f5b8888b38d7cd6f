package dev.baton.connector.inbound;

import dev.baton.connector.inbound.EndpointInvoker.DeliveryFailure;
import dev.baton.connector.inbound.EndpointInvoker.Outcome;
import dev.baton.connector.session.Answers;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jpos.iso.ISOException;

/**
 * One session's queue towards the endpoints. At most one thread delivers its messages at a time,
 * which is what keeps the session's order while other sessions run in parallel. While no endpoint
 * listens the queue is the session's bounded buffer.
 *
 * <p>A message that finds the session idle (nothing queued, nothing being delivered, an endpoint
 * listening) is delivered at once on the thread that read it: handing every message to a
 * WorkManager thread cost a thread wake-up and a context switch each, most of the connector's
 * time under load. Whatever arrives while a delivery runs queues behind it and is drained on a
 * WorkManager thread, as is everything queued while no endpoint listened. The session's reader
 * thus reads its next frame once the endpoint has taken the last; a bank that stops reading its
 * answers slows only its own session.
 */
final class SessionMailbox {

  private static final Logger LOG = System.getLogger(SessionMailbox.class.getName());
  // Deliveries per piece of work: a busy session hands its thread back now and then, so that the
  // WorkManager's pool serves every session.
  private static final int BATCH = 64;

  private final String bankId;
  private final String sessionId;
  private final DeliveryRules rules;
  private final EndpointActivations activations;
  private final WorkManager workManager;
  private final DeliveryCounters counters = new DeliveryCounters();
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private boolean draining;
  // Messages (not state changes) in the queue: what the capacity bounds.
  private int messages;
  /**
   * The endpoint this session's messages were last delivered on, and its factory: kept from one
   * delivery to the next, by whichever thread delivers (one at a time; the lock around {@link
   * #draining} orders them), and replaced when the factory that should take a message is another.
   */
  private MessageEndpointFactory keptFactory;
  private MessageEndpoint kept;

  SessionMailbox(String bankId, String sessionId, DeliveryRules rules,
      EndpointActivations activations, WorkManager workManager) {
    this.bankId = bankId;
    this.sessionId = sessionId;
    this.rules = rules;
    this.activations = activations;
    this.workManager = workManager;
  }

  /**
   * Queues a message or state change, refusing a message when the buffer is full, and delivers.
   * State changes take no room in the buffer; while no endpoint listens, one that follows another
   * replaces it, so that a flapping connection cannot grow the queue and the endpoint that comes
   * next hears the latest state. A state of a connection a newer one has replaced is dropped:
   * the session's state is the newer connection's.
   */
  void offer(Pending pending) {
    boolean full = false;
    boolean stale = false;
    MessageEndpointFactory inline = null;
    synchronized (this) {
      if (pending instanceof Pending.StateChange change && change.connection().replaced()) {
        // Decided under this lock: the newer connection's states are offered only after the
        // old one was marked, so a state let in here is queued ahead of all of them.
        stale = true;
      } else if (pending instanceof Pending.Message && !draining && queue.isEmpty()) {
        inline = activations.oneFor(bankId);
        if (inline != null) {
          draining = true;
        }
      }
      if (stale || inline != null) {
        // dropped, or delivered below, outside the lock
      } else if (pending instanceof Pending.Message) {
        full = messages >= rules.bufferCapacity();
        if (!full) {
          queue.addLast(pending);
          messages++;
        }
      } else {
        if (queue.peekLast() instanceof Pending.StateChange && !activations.anyFor(bankId)) {
          queue.pollLast();
        }
        queue.addLast(pending);
      }
    }
    if (stale) {
      Pending.StateChange change = (Pending.StateChange) pending;
      LOG.log(Level.INFO, "bank {0} session {1}: {2} of the replaced connection from {3} not passed on: a newer"
          + " connection carries the session", bankId, sessionId, change.state(), change.connection().peer());
      return;
    }
    if (inline != null) {
      deliverInline(pending, inline);
      return;
    }
    if (full) {
      giveUp(pending, "buffer full (" + rules.bufferCapacity() + ")");
    }
    resume();
  }

  /** Delivers on the calling thread a message that found the session idle; see the class comment. */
  private void deliverInline(Pending pending, MessageEndpointFactory endpoint) {
    boolean taken;
    try {
      taken = deliver(pending, endpoint);
    } catch (RuntimeException bug) {
      LOG.log(Level.ERROR, "bank " + bankId + " session " + sessionId + ": delivery failed", bug);
      taken = true;
    }
    if (taken) {
      synchronized (this) {
        draining = false;
      }
    } else {
      putBack(pending); // no endpoint took it after all (it was deactivated meanwhile)
    }
    resume();
  }

  /** Starts draining when there is something to deliver, someone to take it, and no drain yet. */
  void resume() {
    synchronized (this) {
      if (draining || queue.isEmpty() || !activations.anyFor(bankId)) {
        return;
      }
      draining = true;
    }
    schedule();
  }

  /** Takes out every message past its deadline and declines or drops it. */
  void expireOverdue(Instant now) {
    List<Pending.Message> overdue = new ArrayList<>();
    synchronized (this) {
      Iterator<Pending> waiting = queue.iterator();
      while (waiting.hasNext()) {
        if (waiting.next() instanceof Pending.Message message) {
          // Deadlines follow arrival order: the first one still in time ends the search.
          if (message.message().deadline().isAfter(now)) {
            break;
          }
          waiting.remove();
          messages--;
          overdue.add(message);
        }
      }
    }
    // Outside the lock: a decline writes to the bank's socket.
    overdue.forEach(message -> giveUp(message, "not delivered before its deadline"));
  }

  DeliveryCounters counters() {
    return counters;
  }

  synchronized DeliveryCounters.Snapshot snapshot() {
    return counters.snapshot(messages);
  }

  private void schedule() {
    try {
      workManager.scheduleWork(new Drain());
    } catch (WorkException | RuntimeException rejected) {
      synchronized (this) {
        draining = false;
      }
      // The sweep resumes the session shortly; the messages stay queued meanwhile.
      LOG.log(Level.WARNING, "bank {0} session {1}: delivery work rejected, retrying: {2}",
          bankId, sessionId, rejected.toString());
    }
  }

  private void drain() {
    for (int delivered = 0; delivered < BATCH; delivered++) {
      Pending next;
      MessageEndpointFactory endpoint;
      synchronized (this) {
        next = queue.peekFirst();
        endpoint = next == null ? null : activations.oneFor(bankId);
        if (endpoint == null) {
          draining = false;
          return;
        }
        queue.pollFirst();
        if (next instanceof Pending.Message) {
          messages--;
        }
      }
      if (!deliver(next, endpoint)) {
        putBack(next);
        return;
      }
    }
    schedule();
  }

  /** An item no endpoint took goes back to the head, so the order holds when one takes it later. */
  private synchronized void putBack(Pending pending) {
    queue.addFirst(pending);
    if (pending instanceof Pending.Message) {
      messages++;
    }
    draining = false;
  }

  /** Delivers one item; false when no endpoint took it and it must wait. */
  private boolean deliver(Pending next, MessageEndpointFactory endpoint) {
    return switch (next) {
      case Pending.Message message -> deliverMessage(message, endpoint);
      case Pending.StateChange change -> deliverState(change);
    };
  }

  private boolean deliverMessage(Pending.Message message, MessageEndpointFactory endpoint) {
    if (!message.message().deadline().isAfter(Instant.now())) {
      giveUp(message, "not delivered before its deadline");
      return true;
    }
    if (keptFactory != endpoint) { // both null until an endpoint is kept, then both set
      if (kept != null) {
        EndpointInvoker.release(kept);
      }
      kept = EndpointInvoker.endpoint(endpoint);
      keptFactory = kept == null ? null : endpoint;
      if (kept == null) {
        return false;
      }
    }
    try {
      EndpointInvoker.message(kept, message.message());
      counters.delivered.incrementAndGet();
    } catch (DeliveryFailure failure) {
      // Thrown before the bean ran (it is being undeployed) or by a bean that answers nothing
      // then (see BankSessionListener): a request gets its RC 91 here, or nobody answers it.
      counters.failures.incrementAndGet();
      LOG.log(Level.WARNING, "bank {0} session {1}: endpoint failed on {2}: {3}",
          bankId, sessionId, message.message().mti(), failure.getMessage());
      if (message.isRequest()) {
        giveUp(message, "the endpoint failed on it");
      }
    }
    return true;
  }

  private boolean deliverState(Pending.StateChange change) {
    List<MessageEndpointFactory> endpoints = activations.allFor(bankId);
    for (MessageEndpointFactory endpoint : endpoints) {
      try {
        if (EndpointInvoker.state(endpoint, change) == Outcome.NOT_TAKEN) {
          counters.failures.incrementAndGet();
          LOG.log(Level.WARNING, "bank {0} session {1}: state {2} not taken by an endpoint",
              bankId, sessionId, change.state());
        }
      } catch (DeliveryFailure failure) {
        counters.failures.incrementAndGet();
        LOG.log(Level.WARNING, "bank {0} session {1}: endpoint failed on state {2}: {3}",
            bankId, sessionId, change.state(), failure.getMessage());
      }
    }
    return true;
  }

  /** Declines a request with RC 91 on its connection; counts and logs anything else. */
  private void giveUp(Pending pending, String why) {
    if (!(pending instanceof Pending.Message message)) {
      counters.lost.incrementAndGet();
      LOG.log(Level.WARNING, "bank {0} session {1}: state change {2} dropped: {3}",
          bankId, sessionId, ((Pending.StateChange) pending).state(), why);
      return;
    }
    String mti = message.message().mti();
    if (message.isRequest()) {
      try {
        message.session().answerFrame(message.message().frame(), Answers.ISSUER_UNAVAILABLE);
        counters.declined.incrementAndGet();
        LOG.log(Level.WARNING, "bank {0} session {1}: {2} STAN {3} declined RC 91: {4}",
            bankId, sessionId, mti, message.message().field(11), why);
        return;
      } catch (IOException | ISOException | RuntimeException e) {
        why = why + "; the RC 91 decline could not be written: " + e.getMessage();
      }
    }
    counters.lost.incrementAndGet();
    LOG.log(Level.WARNING, "bank {0} session {1}: {2} STAN {3} dropped: {4}",
        bankId, sessionId, mti, message.message().field(11), why);
  }

  /** Drains this session on a WorkManager thread. */
  private final class Drain implements Work {
    @Override
    public void run() {
      try {
        drain();
      } catch (RuntimeException bug) {
        // Never leave the session marked as draining: the sweep would not resume it.
        synchronized (SessionMailbox.this) {
          draining = false;
        }
        LOG.log(Level.ERROR, "bank " + bankId + " session " + sessionId + ": delivery failed", bug);
      }
    }

    @Override
    public void release() {
      // Asked to stop early (server shutdown): the current delivery finishes, the rest stays
      // queued; nothing to interrupt.
    }
  }
}
