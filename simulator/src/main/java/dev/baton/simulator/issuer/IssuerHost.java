package dev.baton.simulator.issuer;

import static dev.baton.simulator.message.BankMessages.APPROVED;

import dev.baton.simulator.message.BankMessages;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISORequestListener;
import org.jpos.iso.ISOSource;

/**
 * The issuer's authorization host: decides each answer and sends it back on the session the
 * request came from, after the configured latency. Shared by all sessions.
 */
final class IssuerHost implements ISORequestListener, AutoCloseable {

  private static final System.Logger LOG = System.getLogger(IssuerHost.class.getName());

  private final IssuerSettings settings;
  // Answers wait on a timer, not on the session thread, so one slow answer does not hold up
  // the requests queued behind it.
  private final ScheduledExecutorService delayedAnswers =
      Executors.newScheduledThreadPool(2, Thread.ofPlatform().daemon().name("issuer-answers-", 0)
          .factory());
  private final Map<String, LongAdder> receivedByMti = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> answersByMtiAndCode = new ConcurrentHashMap<>();
  private final LongAdder neverAnswered = new LongAdder();
  private final LongAdder sendFailures = new LongAdder();

  IssuerHost(IssuerSettings settings) {
    this.settings = settings;
  }

  @Override
  public boolean process(ISOSource source, ISOMsg request) {
    try {
      String mti = request.getMTI();
      count(receivedByMti, mti);
      switch (mti) {
        case "0100", "0200" -> {
          ThreadLocalRandom random = ThreadLocalRandom.current();
          if (random.nextDouble() < settings.neverAnswer()) {
            neverAnswered.increment();
          } else {
            answerLater(source, BankMessages.answer(request, settings.answers().pick(random)));
          }
        }
        case "0400", "0420" -> answerLater(source, BankMessages.answer(request, APPROVED));
        case "0800" -> answerNow(source, BankMessages.answer(request, APPROVED));
        default -> LOG.log(Level.WARNING, "issuer ignores an unexpected {0}", mti);
      }
    } catch (ISOException e) {
      LOG.log(Level.WARNING, "issuer cannot answer a message: {0}", e.getMessage());
    }
    return true;
  }

  IssuerSummary summary() {
    return new IssuerSummary(
        snapshot(receivedByMti), snapshot(answersByMtiAndCode), neverAnswered.sum(),
        sendFailures.sum());
  }

  @Override
  public void close() {
    delayedAnswers.shutdownNow();
  }

  private void answerLater(ISOSource source, ISOMsg answer) {
    long delayNanos = settings.latency().pickNanos(ThreadLocalRandom.current());
    if (delayNanos == 0) {
      answerNow(source, answer);
    } else {
      delayedAnswers.schedule(() -> answerNow(source, answer), delayNanos, TimeUnit.NANOSECONDS);
    }
  }

  private void answerNow(ISOSource source, ISOMsg answer) {
    try {
      source.send(answer);
      count(answersByMtiAndCode, answer.getMTI() + ' ' + answer.getString(39));
    } catch (IOException | ISOException e) {
      sendFailures.increment();
      LOG.log(Level.DEBUG, "issuer answer not sent: {0}", e.getMessage());
    }
  }

  private static void count(Map<String, LongAdder> counters, String key) {
    counters.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  private static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
    Map<String, Long> sorted = new TreeMap<>();
    counters.forEach((key, count) -> sorted.put(key, count.sum()));
    return sorted;
  }
}
