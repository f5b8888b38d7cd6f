package dev.baton.simulator.acquirer;

import static dev.baton.simulator.message.BankMessages.APPROVED;

import dev.baton.simulator.message.BankChannels;
import dev.baton.simulator.message.BankMessages;
import dev.baton.simulator.message.FieldText;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.NACChannel;

/**
 * One acquirer session: a signed-on channel, its own STAN sequence and terminal id, the requests
 * waiting for an answer, and a receiver thread that matches answers by MTI, STAN and terminal.
 */
final class AcquirerSession implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(AcquirerSession.class.getName());
  private static final int STAN_RANGE = 999_999;

  private final int index;
  private final AcquirerSettings settings;
  /** Where answers are counted: the run under way (a bench runs several on the same sessions). */
  private volatile AcquirerTally tally;
  private final NACChannel channel;
  private final String terminal;
  private final String rrnPrefix;
  private final Map<String, PendingRequest> pending = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<ISOMsg>> networkAnswers = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong(1);
  private volatile boolean closing;
  /** Set when the receiver saw the connection end without a close from this side. */
  private volatile boolean lost;
  /**
   * Set by the receiver from before it takes an answered request out of {@link #pending} until it
   * has counted the answer and queued any reversal, so a run does not end in between.
   */
  private volatile boolean countingAnswer;
  private Thread receiver;

  /**
   * @param runId a number that differs between runs, so a switch's duplicate check (11, 7, 37)
   *     does not mistake one run's requests for another's
   */
  AcquirerSession(int index, AcquirerSettings settings, AcquirerTally tally, int runId) {
    this.index = index;
    this.settings = settings;
    this.tally = tally;
    this.channel = BankChannels.dialing(settings.host(), settings.port(index));
    this.terminal = String.format("SIM%05d", index);
    this.rrnPrefix = String.format("%02d%04d", index % 100, runId % 10_000);
  }

  /** Connects and signs on; throws when the peer cannot be reached or refuses the sign-on. */
  void open() throws IOException {
    try {
      channel.connect();
    } catch (IOException e) {
      throw new IOException(
          "session " + index + " cannot connect to " + settings.host() + ":" + settings.port(index)
              + ": " + e.getMessage(), e);
    }
    receiver =
        Thread.ofPlatform()
            .daemon()
            .name("acquirer-" + index + "-receiver")
            .start(this::receiveUntilClosed);
    ISOMsg answer = exchangeNetworkManagement(BankMessages.SIGN_ON);
    if (!APPROVED.equals(answer.getString(39))) {
      throw new IOException(
          "session " + index + " sign-on refused with RC " + answer.getString(39));
    }
  }

  /** Counts from now on into {@code next}: the next run on this session, once the last one ended. */
  void countInto(AcquirerTally next) {
    this.tally = next;
  }

  /** Whether the session is still connected (a switch may have closed it). */
  boolean connected() {
    return channel.isConnected() && !closing && !lost;
  }

  /** Sends one 0100 or 0200; the latency of its answer counts from {@code scheduledNanos}. */
  void send(String mti, String pan, long scheduledNanos) {
    String stan = nextStan();
    long amountMinor = ThreadLocalRandom.current().nextLong(100, 100_000);
    try {
      submit(BankMessages.request(mti, pan, amountMinor, stan, rrnPrefix + stan, terminal),
          pan, scheduledNanos);
    } catch (ISOException e) {
      tally.sendFailed();
      LOG.log(Level.WARNING, "session {0} cannot build a {1}: {2}", index, mti, e.getMessage());
    }
  }

  /** Moves requests older than {@code timeoutNanos} to the unanswered list. */
  void expire(long nowNanos, long timeoutNanos) {
    pending.forEach((key, request) -> {
      if (nowNanos - request.sentNanos() >= timeoutNanos && pending.remove(key, request)) {
        tally.unanswered(request);
      }
    });
  }

  /** At the end of the run: whatever is still waiting will not be answered in time. */
  void expireAll() {
    pending.forEach((key, request) -> {
      if (pending.remove(key, request)) {
        tally.unanswered(request);
      }
    });
  }

  /** Whether a request waits for its answer or an answer is being counted (read in this order). */
  boolean awaitsAnswers() {
    return !pending.isEmpty() || countingAnswer;
  }

  /** Signs off when still connected, then closes the channel and stops the receiver. */
  @Override
  public void close() {
    if (channel.isConnected() && receiver != null) {
      try {
        exchangeNetworkManagement(BankMessages.SIGN_OFF);
      } catch (IOException e) {
        LOG.log(Level.DEBUG, "session {0} sign-off unanswered: {1}", index, e.getMessage());
      }
    }
    closing = true;
    try {
      channel.disconnect();
      if (receiver != null) {
        receiver.join(Duration.ofSeconds(5));
      }
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "session {0} disconnect: {1}", index, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void submit(ISOMsg request, String pan, long scheduledNanos) throws ISOException {
    String mti = request.getMTI();
    String key = PendingRequest.key(mti, request.getString(11), terminal);
    PendingRequest waiting =
        new PendingRequest(
            index, mti, request.getString(11), pan, scheduledNanos, System.nanoTime(),
            Instant.now(), request);
    // Registered before the write: a fast peer may answer before send() returns.
    pending.put(key, waiting);
    try {
      channel.send(request);
      tally.sent(mti);
    } catch (IOException | ISOException e) {
      pending.remove(key, waiting);
      tally.sendFailed();
    }
  }

  private ISOMsg exchangeNetworkManagement(String code) throws IOException {
    String stan = nextStan();
    CompletableFuture<ISOMsg> answer = new CompletableFuture<>();
    networkAnswers.put(stan, answer);
    try {
      channel.send(BankMessages.networkManagement(code, stan));
      return answer.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ISOException | ExecutionException e) {
      throw new IOException("session " + index + " 0800 70=" + code + ": " + e.getMessage(), e);
    } catch (TimeoutException e) {
      throw new IOException(
          "session " + index + " got no 0810 to its 0800 70=" + code + " within "
              + settings.timeout().toMillis() + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("session " + index + " interrupted waiting for 0810");
    } finally {
      networkAnswers.remove(stan);
    }
  }

  private void receiveUntilClosed() {
    while (!closing) {
      ISOMsg message;
      try {
        message = channel.receive();
      } catch (ISOException e) {
        LOG.log(Level.WARNING, "session {0} received an unreadable message: {1}", index,
            e.getMessage());
        continue;
      } catch (IOException | RuntimeException e) {
        // jPOS may throw a NullPointerException when the socket is closed under receive().
        if (!closing) {
          lost = true;
          LOG.log(Level.WARNING, "session {0} lost its connection: {1}", index, e.toString());
        }
        return;
      }
      long arrivedNanos = System.nanoTime();
      countingAnswer = true;
      try {
        handle(message, arrivedNanos);
      } catch (ISOException | IOException e) {
        LOG.log(Level.WARNING, "session {0} cannot handle a message: {1}", index, e.getMessage());
      } finally {
        countingAnswer = false;
      }
    }
  }

  private void handle(ISOMsg message, long arrivedNanos) throws ISOException, IOException {
    String mti = message.getMTI();
    if ("0800".equals(mti)) {
      // The switch checks the line with echoes; a bank that ignores them gets disconnected.
      channel.send(BankMessages.answer(message, APPROVED));
      return;
    }
    if ("0810".equals(mti)) {
      CompletableFuture<ISOMsg> waiting = networkAnswers.get(message.getString(11));
      if (waiting != null) {
        waiting.complete(message);
      }
      return;
    }
    if (!message.isResponse()) {
      LOG.log(Level.WARNING, "session {0} ignores an unexpected {1}", index, mti);
      return;
    }
    PendingRequest request =
        pending.remove(
            PendingRequest.key(
                BankMessages.requestMtiOf(mti), message.getString(11), message.getString(41)));
    if (request == null) {
      tally.lateAnswer();
      return;
    }
    String responseCode = message.getString(39);
    tally.answered(mti, responseCode, arrivedNanos - request.scheduledNanos(), arrivedNanos);
    if (APPROVED.equals(responseCode)
        && !"0400".equals(request.mti())
        && ThreadLocalRandom.current().nextDouble() < settings.reversalRatio()) {
      submit(BankMessages.reversal(request.message()), request.pan(), System.nanoTime());
    }
  }

  private String nextStan() {
    // Interleaved across sessions so a STAN is unique in the whole run, not only per session.
    long n = sequence.getAndIncrement() * settings.sessions() + index;
    return FieldText.zeroPadded(n % STAN_RANGE + 1, 6);
  }
}
