package dev.baton.connector.inbound;

import dev.baton.connector.api.BankMessage;
import dev.baton.connector.api.BankMessageHandler;
import dev.baton.connector.api.ReaderBursts;
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
import java.util.concurrent.locks.StampedLock;
import org.jpos.iso.ISOException;

/**
 * One session's queue towards the endpoints. At most one thread delivers its messages at a time,
 * which is what keeps the session's order while other sessions run in parallel. While no endpoint
 * listens the queue is the session's bounded buffer.
 *
 * <p>A message that finds the session idle (nothing queued, nothing being delivered, an endpoint
 * listening) is delivered at once on the thread that read it: handing every message to a
 * WorkManager thread cost a thread wake-up and a context switch each, most of the connector's
 * time under load. When that reader has the bank's next frame whole in hand already, the message
 * waits for the end of the reader's burst ({@link ReaderBursts}) and goes with the ones read after
 * it in one call of the endpoint ({@link
 * dev.baton.connector.api.BankSessionListener#onMessages}): the container's work around each call
 * (its interceptors, a request scope opened and closed) was a tenth of the edge's processor time
 * when it ran for every message. Whatever arrives while a delivery runs queues behind it and is
 * drained on a WorkManager thread, the messages between two state changes in one call, as is
 * everything queued while no endpoint listened. An endpoint that offers a direct handler has its
 * messages given to that handler instead, with no call of the container around each. The session's reader
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
  /**
   * What the kept endpoint's messages are given to: its direct handler ({@link
   * dev.baton.connector.api.BankSessionListener#directHandler}), or the endpoint itself ({@link
   * EndpointInvoker#throughContainer}); and the gate a direct handler's calls pass ({@link
   * EndpointActivations#gate}), null for the endpoint.
   */
  private BankMessageHandler keptTarget;
  private StampedLock keptGate;
  /**
   * The first message of a reader's burst, which found the session idle and holds it ({@link
   * #draining}) until the burst ends; those read after it in the burst queue behind it. Null when
   * no burst is being gathered.
   */
  private Pending.Message burstFirst;
  /** Run by the reader at the end of its burst: the same object each time, so it runs once a burst. */
  private final Runnable burstEnd = this::deliverBurst;

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
      if (gathersBurst((Pending.Message) pending)) {
        return;
      }
      deliverInline(List.of(pending), inline);
      return;
    }
    if (full) {
      giveUp(pending, "buffer full (" + rules.bufferCapacity() + ")");
    }
    resume();
  }

  /**
   * Whether a message that found the session idle waits for the end of its reader's burst, to go
   * with the messages read after it (see the class comment): when the calling thread is a session
   * reader with another frame in hand.
   */
  private boolean gathersBurst(Pending.Message first) {
    if (!ReaderBursts.deferToEndOfBurst(burstEnd)) {
      return false;
    }
    // Read by burstEnd on this same thread, which holds the session (draining) until then.
    burstFirst = first;
    return true;
  }

  /**
   * At the end of a reader's burst: delivers the burst's first message and every message queued
   * behind it, in one call, on the reader's thread.
   */
  private void deliverBurst() {
    List<Pending> burst = new ArrayList<>();
    MessageEndpointFactory endpoint;
    synchronized (this) {
      if (burstFirst == null) {
        return;
      }
      burst.add(burstFirst);
      burstFirst = null;
      takeMessages(burst, BATCH);
      endpoint = activations.oneFor(bankId);
    }
    deliverInline(burst, endpoint);
  }

  /**
   * Moves the messages at the head of the queue, up to a state change or until {@code into} holds
   * {@code most}, to the end of {@code into}. Call holding the lock.
   */
  private void takeMessages(List<Pending> into, int most) {
    while (into.size() < most && queue.peekFirst() instanceof Pending.Message next) {
      queue.pollFirst();
      messages--;
      into.add(next);
    }
  }

  /**
   * Delivers on the calling thread messages it holds the session for (see the class comment): one
   * that found the session idle, or a burst; {@code endpoint} null when none listens any more.
   */
  private void deliverInline(List<Pending> messages, MessageEndpointFactory endpoint) {
    boolean taken = endpoint != null;
    if (taken) {
      try {
        taken = deliverMessages(messages, endpoint);
      } catch (RuntimeException bug) {
        LOG.log(Level.ERROR, "bank " + bankId + " session " + sessionId + ": delivery failed", bug);
      }
    }
    if (taken) {
      synchronized (this) {
        draining = false;
      }
    } else {
      putBack(messages); // no endpoint took them after all (it was deactivated meanwhile)
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

  /** Delivers what is queued: a state change alone, the messages between two in one call. */
  private void drain() {
    for (int delivered = 0; delivered < BATCH; ) {
      List<Pending> next = new ArrayList<>();
      MessageEndpointFactory endpoint;
      synchronized (this) {
        Pending head = queue.peekFirst();
        endpoint = head == null ? null : activations.oneFor(bankId);
        if (endpoint == null) {
          draining = false;
          return;
        }
        if (head instanceof Pending.StateChange) {
          next.add(queue.pollFirst());
        } else {
          takeMessages(next, BATCH - delivered);
        }
      }
      boolean taken = next.getFirst() instanceof Pending.StateChange change
          ? deliverState(change)
          : deliverMessages(next, endpoint);
      if (!taken) {
        putBack(next);
        return;
      }
      delivered += next.size();
    }
    schedule();
  }

  /** Items no endpoint took go back to the head, in their order, so the order holds when one takes them later. */
  private synchronized void putBack(List<Pending> pendings) {
    for (Pending pending : pendings.reversed()) {
      queue.addFirst(pending);
      if (pending instanceof Pending.Message) {
        messages++;
      }
    }
    draining = false;
  }

  private boolean deliverMessage(Pending.Message message, MessageEndpointFactory endpoint) {
    if (!keep(endpoint)) {
      return false;
    }
    long pass = enterDirect();
    if (pass == NOT_NOW) {
      return false;
    }
    try {
      if (!message.message().deadline().isAfter(Instant.now())) {
        giveUp(message, "not delivered before its deadline");
        return true;
      }
      try {
        EndpointInvoker.message(keptTarget, message.message());
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
    } finally {
      leaveDirect(pass);
    }
  }

  /** {@link #enterDirect}: the kept endpoint has no direct handler; deliver through it. */
  private static final long THROUGH_ENDPOINT = -1L;
  /** {@link #enterDirect}: the endpoint is being deactivated; nothing may be delivered to it. */
  private static final long NOT_NOW = 0L;

  /**
   * Before a delivery on the kept endpoint: a pass through its direct handler's gate (to give back
   * with {@link #leaveDirect}), {@link #THROUGH_ENDPOINT} when it has no direct handler, or {@link
   * #NOT_NOW} when it is being deactivated and the messages must wait for the next.
   */
  private long enterDirect() {
    return keptGate == null ? THROUGH_ENDPOINT : keptGate.tryReadLock();
  }

  private void leaveDirect(long pass) {
    if (pass != THROUGH_ENDPOINT && pass != NOT_NOW) {
      keptGate.unlockRead(pass);
    }
  }

  /**
   * Delivers messages ({@link Pending.Message}s, in order) in one call of the endpoint, leaving out
   * any past its deadline; false when no endpoint took them and they must wait (none given up).
   */
  private boolean deliverMessages(List<Pending> pendings, MessageEndpointFactory endpoint) {
    if (pendings.size() == 1) {
      return deliverMessage((Pending.Message) pendings.getFirst(), endpoint);
    }
    if (!keep(endpoint)) {
      return false;
    }
    long pass = enterDirect();
    if (pass == NOT_NOW) {
      return false;
    }
    try {
      return deliverKept(pendings);
    } finally {
      leaveDirect(pass);
    }
  }

  /** {@link #deliverMessages} on the kept endpoint, past its gate. */
  private boolean deliverKept(List<Pending> pendings) {
    Instant now = Instant.now();
    List<Pending.Message> inTime = new ArrayList<>(pendings.size());
    for (Pending pending : pendings) {
      Pending.Message message = (Pending.Message) pending;
      if (message.message().deadline().isAfter(now)) {
        inTime.add(message);
      } else {
        giveUp(message, "not delivered before its deadline");
      }
    }
    if (inTime.isEmpty()) {
      return true;
    }
    List<BankMessage> messages = new ArrayList<>(inTime.size());
    inTime.forEach(message -> messages.add(message.message()));
    try {
      if (messages.size() == 1) {
        EndpointInvoker.message(keptTarget, messages.getFirst());
      } else {
        EndpointInvoker.messages(keptTarget, messages);
      }
      counters.delivered.addAndGet(messages.size());
    } catch (DeliveryFailure failure) {
      // As for one message (deliverMessage): each counts as failed, every request is declined.
      counters.failures.addAndGet(messages.size());
      LOG.log(Level.WARNING, "bank {0} session {1}: endpoint failed on {2}: {3}", bankId, sessionId,
          messages.size() == 1 ? messages.getFirst().mti() : messages.size() + " messages", failure.getMessage());
      for (Pending.Message message : inTime) {
        if (message.isRequest()) {
          giveUp(message, "the endpoint failed on it");
        }
      }
    }
    return true;
  }

  /** Keeps an endpoint of {@code endpoint} for this session's deliveries; false when none can be had. */
  private boolean keep(MessageEndpointFactory endpoint) {
    if (keptFactory != endpoint) { // both null until an endpoint is kept, then both set
      if (kept != null) {
        EndpointInvoker.release(kept);
      }
      kept = EndpointInvoker.endpoint(endpoint);
      keptFactory = kept == null ? null : endpoint;
      BankMessageHandler direct = kept == null ? null : EndpointInvoker.directHandler(kept);
      // A factory deactivated meanwhile has no gate: what it takes goes through the container.
      keptGate = direct == null ? null : activations.gate(endpoint);
      if (keptGate != null) {
        keptTarget = direct;
      } else {
        keptTarget = kept == null ? null : EndpointInvoker.throughContainer(kept);
      }
    }
    return kept != null;
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
