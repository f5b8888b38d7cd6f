package dev.baton.systemtests.switching;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/**
 * An issuer bank: keeps every request the switch sends it, and answers as the test's current
 * policy says (an answer, or nothing: the test then answers itself with {@link #answer}).
 */
final class TestIssuer extends BankPeer {

  /** What to answer a request with; null answers nothing. */
  private volatile Function<ISOMsg, ISOMsg> policy = request -> answerOf(request, "00");

  private final BlockingQueue<ISOMsg> requests = new LinkedBlockingQueue<>();
  /** Whether {@link #requests} keeps what arrives: a load of minutes would fill the heap. */
  private volatile boolean keeping = true;

  TestIssuer(String name, int port, Duration patience) throws Exception {
    super(name, port, patience);
  }

  /** The issuer's answer to {@code request} with response code {@code rc}, echoing 11, 37, 41. */
  static ISOMsg answerOf(ISOMsg request, String rc) {
    try {
      ISOMsg answer = (ISOMsg) request.clone();
      answer.setResponseMTI();
      answer.set(39, rc);
      if ("00".equals(rc)) {
        answer.set(38, "AUTH01");
      }
      return answer;
    } catch (ISOException e) {
      throw new IllegalStateException(e);
    }
  }

  void answerWith(Function<ISOMsg, ISOMsg> next) {
    policy = next;
  }

  /** The next request the switch sent, waiting up to {@code patience}. */
  ISOMsg nextRequest(Duration patience) throws InterruptedException {
    ISOMsg request = requests.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
    if (request == null) {
      throw new AssertionError(name() + " got no request within " + patience);
    }
    return request;
  }

  /** Stops keeping the requests for {@link #nextRequest} (a benchmark's load), forgetting the kept. */
  void stopKeepingRequests() {
    keeping = false;
    requests.clear();
  }

  void forgetRequests() {
    requests.clear();
  }

  void answer(ISOMsg answer) throws Exception {
    send(answer);
  }

  private static boolean isRequest(ISOMsg message) {
    try {
      return message.isRequest();
    } catch (ISOException e) {
      return false;
    }
  }

  @Override
  void received(ISOMsg message) {
    if (keeping) {
      requests.add(message);
    }
    if (!isRequest(message)) {
      return;
    }
    ISOMsg answer = policy.apply(message);
    if (answer != null) {
      try {
        send(answer);
      } catch (Exception e) {
        throw new IllegalStateException(name() + " could not answer", e);
      }
    }
  }
}
