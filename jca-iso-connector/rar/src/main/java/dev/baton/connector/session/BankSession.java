package dev.baton.connector.session;

import dev.baton.connector.api.IsoMessage;
import dev.baton.connector.api.ReaderBursts;
import dev.baton.connector.api.SessionState;
import dev.baton.connector.config.BankSessionConfig;
import dev.baton.connector.framing.FrameLengthException;
import dev.baton.connector.framing.FramedChannel;
import dev.baton.connector.framing.IdleTimeoutException;
import dev.baton.connector.framing.UnreadableFrameException;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/**
 * One TCP connection of a bank session, from accept (or dial) to close. A reader thread takes
 * frames off the connection in order; network management is answered here, bad input is
 * answered or dropped per the session's policy, and everything else goes to the inbound handler.
 */
public final class BankSession {

  private static final Logger LOG = System.getLogger(BankSession.class.getName());

  private final BankSessionConfig config;
  private final FramedChannel channel;
  private final String peer;
  private final SessionCounters counters;
  private final EchoTracker echo;
  private final InboundHandler handler;
  /** The packager's direct codec when its layout allows one (see {@link #decodedForHandler}), else null. */
  private final IsoCodec directCodec;
  private final int headerLength;
  private final SessionStateMachine state = new SessionStateMachine();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final CountDownLatch closed = new CountDownLatch(1);
  private int consecutiveBadFrames;
  private volatile Instant connectedAt;
  /** Set once a newer connection of the same session has taken over from this one. */
  private volatile boolean replaced;
  // Monotonic: when the bank last sent anything; the echo loop measures silence from it.
  private volatile long lastReceivedNanos;
  // Writes begun and writes finished (or failed): the write watch sees a bank that stopped reading.
  private final java.util.concurrent.atomic.AtomicLong writesBegun = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong writesDone = new java.util.concurrent.atomic.AtomicLong();

  /**
   * @param config the session's configuration
   * @param channel a new channel, framed and packed as the session says
   * @param peer the peer's address, for logs
   * @param counters the configured session's counters, shared by its connections
   * @param echo the configured session's echo tests, shared by its connections
   * @param handler where application messages go
   */
  public BankSession(BankSessionConfig config, FramedChannel channel, String peer,
      SessionCounters counters, EchoTracker echo, InboundHandler handler) {
    this.config = config;
    this.channel = channel;
    this.peer = peer;
    this.counters = counters;
    this.echo = echo;
    this.handler = handler;
    IsoCodec codec = IsoCodec.of(channel.packager());
    this.directCodec = codec.direct() ? codec : null;
    this.headerLength = channel.headerLength();
  }

  /** Takes over the connected socket and starts reading from it on a thread of the factory. */
  public void start(Socket socket, ThreadFactory threads) throws IOException {
    channel.attach(socket);
    connectedAt = Instant.now();
    lastReceivedNanos = System.nanoTime();
    state.fire(SessionEvent.CONNECT);
    counters.connected();
    LOG.log(Level.INFO, "bank {0} session {1}: connected, peer {2}", bankId(), sessionId(), peer);
    handler.onStateChange(this, SessionState.CONNECTED);
    threads.newThread(this::readFrames).start();
    if (config.echoInterval().isPositive()) {
      threads.newThread(new EchoLoop(this, echo, config.echoInterval())).start();
    }
    if (config.frameRules().writeTimeout().isPositive()) {
      threads.newThread(this::watchWrites).start();
    }
  }

  public String bankId() {
    return config.bankId();
  }

  public String sessionId() {
    return config.sessionId();
  }

  /** The peer's address and port. */
  public String peer() {
    return peer;
  }

  /** When the connection came up. */
  public Instant connectedAt() {
    return connectedAt;
  }

  public SessionState state() {
    return state.state();
  }

  public SessionCounters counters() {
    return counters;
  }

  /** When the bank last sent a frame, good or bad, on this connection ({@code System.nanoTime}). */
  long lastReceivedNanos() {
    return lastReceivedNanos;
  }

  /**
   * Marks this connection as taken over by a newer one of the same session: from now on what it
   * reports of its state is about a connection the session no longer has (see {@link #replaced}).
   * The session's endpoint marks it before the newer connection reports anything.
   */
  public void markReplaced() {
    replaced = true;
  }

  /**
   * Whether a newer connection of the same session has taken over from this one. A state this
   * connection reports afterwards is stale: its reader may still be finishing a close it began
   * before the newer connection came (the bank reconnected at once, say), and passed on, its
   * DISCONNECTED would arrive after the newer connection's SIGNED_ON and mark a signed-on session
   * down.
   */
  public boolean replaced() {
    return replaced;
  }

  /** Whether the connection has ended. */
  public boolean isClosed() {
    return closed.getCount() == 0;
  }

  /** Waits up to the given time for the connection to end; true if it has. */
  public boolean awaitClosed(long timeout, TimeUnit unit) throws InterruptedException {
    return closed.await(timeout, unit);
  }

  /** Writes one message to the bank. Safe from any thread. */
  public void send(ISOMsg message) throws IOException, ISOException {
    writesBegun.incrementAndGet();
    try {
      channel.send(message);
    } finally {
      writesDone.incrementAndGet();
    }
    counters.frameOut();
  }

  /**
   * Writes one message packed elsewhere; see {@link FramedChannel#sendPacked}. Safe from any
   * thread. While the calling thread {@linkplain HeldWrites holds its writes}, the message waits
   * in the connection's buffer for that thread's flush, or for any write after it.
   */
  public void sendPacked(byte[] packed) throws IOException {
    HeldWrites held = HeldWrites.ofThreadIfHolding();
    writesBegun.incrementAndGet();
    try {
      channel.sendPacked(packed, held == null);
    } finally {
      writesDone.incrementAndGet();
    }
    if (held != null) {
      held.wrote(this);
    }
    counters.frameOut();
  }

  /**
   * Sends what held writes left in the connection's buffer. Counted as a write: a bank that stopped
   * reading blocks it as it would any other, and the write watch ends the connection.
   */
  void flushHeld() {
    writesBegun.incrementAndGet();
    try {
      channel.flush();
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "bank {0} session {1}: messages held to be sent together were not sent: {2}",
          bankId(), sessionId(), e.getMessage());
    } finally {
      writesDone.incrementAndGet();
    }
  }

  /**
   * Ends the connection when writes wait and none has finished for the write timeout: the bank
   * stopped reading and its receive window is full. A blocked write has no timeout of its own, and
   * the thread in it (the edge writes every answer a node sends on one thread) would otherwise wait
   * for as long as the bank does, with every other bank's answers behind it. Closing the socket
   * with a reset fails the write at once (a normal close would linger to deliver what the bank will
   * not read); the bank's other sessions carry its traffic, as when a connection drops.
   */
  private void watchWrites() {
    long timeoutNanos = config.frameRules().writeTimeout().toNanos();
    long lookNanos = Math.max(timeoutNanos / 4, TimeUnit.MILLISECONDS.toNanos(1));
    long lastDone = writesDone.get();
    long progressAt = System.nanoTime();
    try {
      while (!awaitClosed(lookNanos, TimeUnit.NANOSECONDS)) {
        long now = System.nanoTime();
        long done = writesDone.get();
        if (done != lastDone || writesBegun.get() == done) {
          lastDone = done;
          progressAt = now;
        } else if (now - progressAt >= timeoutNanos) {
          counters.writeTimeout();
          LOG.log(Level.WARNING, "bank {0} session {1}: {2} has read nothing for {3} ms while {4} writes waited;"
                  + " closing the connection", bankId(), sessionId(), peer,
              Long.toString(TimeUnit.NANOSECONDS.toMillis(now - progressAt)), Long.toString(writesBegun.get() - done));
          close("write timeout: the bank stopped reading", true);
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Closes the connection, once; later calls do nothing. */
  public void close(String reason) {
    close(reason, false);
  }

  /** Closes the connection, once, with a reset when {@code abort} (see {@link FramedChannel#abort}). */
  private void close(String reason, boolean abort) {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    if (abort) {
      channel.abort();
    } else {
      channel.close();
    }
    state.fireIfAllowed(SessionEvent.DISCONNECT);
    LOG.log(Level.INFO, "bank {0} session {1}: disconnected, peer {2}: {3}",
        bankId(), sessionId(), peer, reason);
    try {
      handler.onStateChange(this, SessionState.DISCONNECTED);
    } finally {
      closed.countDown();
    }
  }

  /**
   * Reads frames until the connection ends. Before each frame is handled, the reader says whether
   * the bank's next frame is already whole in its hands ({@link ReaderBursts}); once none is, what
   * the listeners deferred to the end of the burst runs, before the reader waits for the bank.
   */
  private void readFrames() {
    String reason = "connection ended";
    ReaderBursts bursts = ReaderBursts.ofThisThread();
    try {
      while (!closing.get()) {
        Optional<String> stop;
        try {
          stop = readOneFrame(bursts);
        } finally {
          endOfBurstIfNoFrameInHand(bursts);
        }
        if (stop.isPresent()) {
          reason = stop.get();
          break;
        }
      }
    } catch (RuntimeException e) {
      // Whatever a frame did, the adapter outlives it; only this connection ends.
      LOG.log(Level.ERROR, "bank " + bankId() + " session " + sessionId() + ": reader failed", e);
      reason = "reader failed: " + e;
    } finally {
      try {
        bursts.endBurst();
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, "bank " + bankId() + " session " + sessionId() + ": a task deferred to the end of a burst failed", e);
      } finally {
        close(reason);
      }
    }
  }

  private void endOfBurstIfNoFrameInHand(ReaderBursts bursts) {
    try {
      bursts.handedOver();
    } catch (RuntimeException e) {
      // A listener's deferred work failed: its own business, not the connection's.
      LOG.log(Level.ERROR, "bank " + bankId() + " session " + sessionId() + ": a task deferred to the end of a burst failed", e);
    }
  }

  /** Reads and handles one frame; says why the connection must end, if it must. */
  private Optional<String> readOneFrame(ReaderBursts bursts) {
    byte[] frame;
    bursts.handingOver(false);
    try {
      frame = channel.receiveFrame();
      bursts.handingOver(channel.nextFrameInHand());
    } catch (FrameLengthException length) {
      return onRefusedLength(length);
    } catch (IdleTimeoutException idle) {
      return Optional.of("idle: " + idle.getMessage());
    } catch (SocketTimeoutException slow) {
      counters.readTimeout();
      LOG.log(Level.WARNING, "bank {0} session {1}: partial frame from {2} not completed within {3}",
          bankId(), sessionId(), peer, config.frameRules().readTimeout());
      return Optional.of("read timeout on a partial frame");
    } catch (IOException ended) {
      return Optional.of(closing.get() ? "closed" : "peer closed: " + ended.getMessage());
    } catch (RuntimeException whileClosing) {
      // jPOS 3.0.1 dereferences the socket it has just nulled when a close races a blocked read.
      if (closing.get()) {
        return Optional.of("closed");
      }
      throw whileClosing;
    } catch (ISOException other) {
      received();
      return onBadFrame(new ISOMsg(), other.getMessage());
    }
    received();
    IsoMessage decoded = decodedForHandler(frame);
    if (decoded != null) {
      consecutiveBadFrames = 0;
      handler.onMessage(this, decoded, frame);
      return Optional.empty();
    }
    ISOMsg message;
    try {
      message = channel.unpack(frame);
    } catch (UnreadableFrameException bad) {
      return onBadFrame(bad.partial(), bad.getMessage());
    }
    if (!Answers.hasUsableMti(message)) {
      return onBadFrame(message, "MTI is not four digits");
    }
    consecutiveBadFrames = 0;
    onMessage(message, frame);
    return Optional.empty();
  }

  /**
   * The message of a frame that goes straight to the handler, decoded by the packager's field
   * packagers without a jPOS {@code ISOMsg} in between (for the edge, every request and answer of
   * an authorization: the ISOMsg, its tree of fields, jPOS's log event and the conversion to the
   * API's message were most of what the adapter allocated per frame). Null when the frame needs
   * the general path: a packager without a fixed layout, a frame that does not decode (the general
   * path finds out what to answer), network management (MTI class 8: signed on, echoed or matched
   * here), or a request from a session not signed on.
   */
  private IsoMessage decodedForHandler(byte[] frame) {
    if (directCodec == null) {
      return null;
    }
    IsoMessage message;
    try {
      message = directCodec.unpack(frame, headerLength);
    } catch (ISOException notDecoded) {
      return null;
    }
    if (message.mti().charAt(1) == '8' || (message.isRequest() && state.state() != SessionState.SIGNED_ON)) {
      return null;
    }
    return message;
  }

  private void received() {
    lastReceivedNanos = System.nanoTime();
    counters.frameIn();
  }

  private void onMessage(ISOMsg message, byte[] frame) {
    Optional<NetworkManagement.Request> network = NetworkManagement.requestOf(message);
    if (network.isPresent()) {
      onNetworkManagement(message, network.get());
    } else if (NetworkManagement.isEchoAnswer(message)) {
      // The answer to the adapter's own echo test: matched here, never the application's business.
      echo.answered(message, Instant.now());
    } else if (Answers.expectsAnswer(message) && state.state() != SessionState.SIGNED_ON) {
      // A bank that has not signed on gets no service; it gets an answer all the same.
      answer(message, Answers.ISSUER_UNAVAILABLE, "request before sign-on");
    } else {
      IsoMessage unpacked;
      try {
        unpacked = IsoMessages.unpacked(message);
      } catch (ISOException | IllegalArgumentException e) {
        // The MTI was checked already: this is a field the API cannot carry.
        handler.onUndeliverable(this, e.getMessage());
        return;
      }
      handler.onMessage(this, unpacked, frame);
    }
  }

  /**
   * Answers a request this session read with {@code responseCode}, given its frame as received:
   * the adapter's own answer (RC 91) to a request no endpoint took in time. Unpacks the frame again
   * with jPOS, which only such requests cost. Safe from any thread.
   *
   * @throws ISOException the frame is not a request that can be answered
   * @throws IOException the answer could not be written
   */
  public void answerFrame(byte[] frame, String responseCode) throws IOException, ISOException {
    send(Answers.respond(channel.unpack(frame), responseCode));
  }

  private void onNetworkManagement(ISOMsg request, NetworkManagement.Request kind) {
    SessionState before = kind.event().map(state::fireIfAllowed).orElse(null);
    SessionState after = state.state();
    if (before != null && before != after) {
      LOG.log(Level.INFO, "bank {0} session {1}: {2}", bankId(), sessionId(), after);
      handler.onStateChange(this, after);
    }
    answer(request, Answers.APPROVED, kind.name().toLowerCase());
  }

  private Optional<String> onBadFrame(ISOMsg partial, String why) {
    counters.badFrame();
    consecutiveBadFrames++;
    Level level = consecutiveBadFrames == 1 ? Level.WARNING : Level.DEBUG;
    Optional<ISOMsg> formatError = Answers.formatError(partial);
    if (formatError.isPresent() && write(formatError.get())) {
      counters.formatErrorAnswered();
      LOG.log(level, "bank {0} session {1}: bad frame from {2} answered RC 30 ({3} in a row): {4}",
          bankId(), sessionId(), peer, consecutiveBadFrames, why);
    } else {
      counters.dropped();
      LOG.log(level, "bank {0} session {1}: bad frame from {2} dropped ({3} in a row): {4}",
          bankId(), sessionId(), peer, consecutiveBadFrames, why);
    }
    int limit = config.errorPolicy().maxConsecutiveBadFrames();
    if (consecutiveBadFrames >= limit) {
      LOG.log(Level.WARNING, "bank {0} session {1}: closing, {2} bad frames in a row from {3}",
          bankId(), sessionId(), limit, peer);
      return Optional.of(limit + " bad frames in a row");
    }
    return Optional.empty();
  }

  private Optional<String> onRefusedLength(FrameLengthException refused) {
    if (refused.isOversized()) {
      counters.oversized();
    } else {
      counters.badFrame();
    }
    LOG.log(Level.WARNING, "bank {0} session {1}: {2} from {3}, {4}", bankId(), sessionId(),
        refused.getMessage(), peer, refused.inStep() ? "skipped" : "closing");
    return refused.inStep() ? Optional.empty() : Optional.of(refused.getMessage());
  }

  private void answer(ISOMsg request, String responseCode, String what) {
    try {
      write(Answers.respond(request, responseCode));
    } catch (ISOException e) {
      LOG.log(Level.WARNING, "bank {0} session {1}: cannot answer {2}: {3}",
          bankId(), sessionId(), what, e.getMessage());
    }
  }

  private boolean write(ISOMsg message) {
    try {
      send(message);
      return true;
    } catch (IOException | ISOException e) {
      LOG.log(Level.WARNING, "bank {0} session {1}: write to {2} failed: {3}",
          bankId(), sessionId(), peer, e.getMessage());
      return false;
    }
  }
}
