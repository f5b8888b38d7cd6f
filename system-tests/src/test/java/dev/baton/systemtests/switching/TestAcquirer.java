package dev.baton.systemtests.switching;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/**
 * An acquirer bank: sends requests and matches each answer to its request by answer MTI, field 11
 * and field 41. Counts what it sent and what came back, so that a test can assert one answer per
 * request: an answer that matches nothing pending (a second answer, or one nobody asked for) is
 * kept as unexpected.
 */
public final class TestAcquirer extends BankPeer {

  private static final AtomicInteger STAN = new AtomicInteger((int) (System.nanoTime() % 400_000));

  private final Map<String, CompletableFuture<ISOMsg>> pending = new ConcurrentHashMap<>();
  private final List<ISOMsg> unexpected = new CopyOnWriteArrayList<>();
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicInteger answered = new AtomicInteger();

  public TestAcquirer(String name, int port, Duration patience) throws Exception {
    super(name, port, patience);
  }

  /**
   * A request with the contract's fields, for a card with {@code pan}, under a new STAN. STAN counts
   * to 999,999 and starts again; each time it does, the transmission time (field 7) moves on a
   * second and the RRN (field 37) ends in the new round's number, so that a request a million
   * later is a new request to the switch's duplicate check, not a repeat of an old one.
   */
  static ISOMsg request(String mti, String pan) throws ISOException {
    int number = STAN.incrementAndGet();
    String stan = String.format("%06d", number % 1_000_000);
    int round = number / 1_000_000;
    ISOMsg message = new ISOMsg(mti);
    message.set(2, pan);
    message.set(3, "000000");
    message.set(4, "000000001500");
    message.set(7, String.format("1123%06d", 150_000 + round % 60));
    message.set(11, stan);
    message.set(12, "150000");
    message.set(13, "1123");
    message.set(37, "RRN" + stan + String.format("%03d", round % 1_000));
    message.set(41, "TERM0001");
    message.set(42, "MERCHANT0000001");
    message.set(49, "978");
    return message;
  }

  /** A reversal of {@code original}: its 11, 37, 41, with field 90 naming it. */
  static ISOMsg reversalOf(ISOMsg original) throws ISOException {
    ISOMsg reversal = (ISOMsg) original.clone();
    reversal.setMTI("0400");
    reversal.set(90, original.getMTI() + original.getString(11) + original.getString(7) + "0000000000000000000000");
    return reversal;
  }

  /** Sends {@code request}; the future completes with its answer. */
  CompletableFuture<ISOMsg> ask(ISOMsg request) throws IOException, ISOException {
    CompletableFuture<ISOMsg> answer = new CompletableFuture<>();
    String key = keyOf(answerMti(request.getMTI()), request);
    if (pending.putIfAbsent(key, answer) != null) {
      throw new IllegalStateException("a request with key " + key + " is pending already");
    }
    sent.incrementAndGet();
    send(request);
    return answer;
  }

  /** Sends and waits for the answer. */
  ISOMsg exchange(ISOMsg request, Duration patience) throws Exception {
    return await(ask(request), patience);
  }

  static ISOMsg await(CompletableFuture<ISOMsg> answer, Duration patience) throws Exception {
    try {
      return answer.get(patience.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no answer within " + patience, e);
    } catch (ExecutionException e) {
      throw new AssertionError(e.getCause());
    }
  }

  int sent() {
    return sent.get();
  }

  int answered() {
    return answered.get();
  }

  int pending() {
    return pending.size();
  }

  List<ISOMsg> unexpected() {
    return List.copyOf(unexpected);
  }

  @Override
  void received(ISOMsg message) {
    try {
      CompletableFuture<ISOMsg> waiting = pending.remove(keyOf(message.getMTI(), message));
      if (waiting == null) {
        unexpected.add(message);
      } else {
        answered.incrementAndGet();
        waiting.complete(message);
      }
    } catch (ISOException e) {
      unexpected.add(message);
    }
  }

  private static String answerMti(String requestMti) {
    return requestMti.substring(0, 2) + (char) (requestMti.charAt(2) + 1) + requestMti.charAt(3);
  }

  private static String keyOf(String mti, ISOMsg message) {
    return mti + "/" + message.getString(11) + "/" + message.getString(41);
  }
}
