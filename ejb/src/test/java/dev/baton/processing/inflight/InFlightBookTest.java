package dev.baton.processing.inflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.connector.api.IsoMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InFlightBookTest {

  private final InFlightBook book = new InFlightBook();

  private static InFlightAuthorization authorization(
      String acquirer, String acquirerStan, String issuer, String issuerStan, long deadline) {
    IsoMessage request =
        IsoMessage.of("0100")
            .with(7, "0612143000")
            .with(11, acquirerStan)
            .with(37, "RRN" + acquirerStan)
            .with(41, "TERM0001");
    return new InFlightAuthorization(
        acquirer,
        acquirer + "-1",
        request,
        new IssuerKey(issuer, issuerStan, "RRN" + acquirerStan, "TERM0001"),
        deadline,
        0L);
  }

  @Test
  void replicaHearsEveryContextEnterAndLeaveWhicheverWayItLeaves() {
    List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    book.replicateTo(new InFlightBook.Replica() {
      @Override
      public void entered(InFlightAuthorization authorization) {
        heard.add("+" + authorization.issuerKey().stan());
      }

      @Override
      public void left(InFlightAuthorization authorization) {
        heard.add("-" + authorization.issuerKey().stan());
      }
    });
    InFlightAuthorization answered = authorization("ACQ1", "000001", "ISS1", "000011", 5_000);
    InFlightAuthorization expiring = authorization("ACQ1", "000002", "ISS1", "000012", 1_000);
    InFlightAuthorization moving = authorization("ACQ2", "000003", "ISS2", "000013", 5_000);
    book.add(answered);
    book.add(expiring);
    book.add(moving);
    assertThrows(IllegalStateException.class, () -> book.add(answered), "a clash enters nothing");

    book.match(answered.issuerKey());
    book.match(answered.issuerKey()); // a second answer finds nothing and tells nothing
    book.expire(1_000);
    List<InFlightAuthorization> exported = book.export("ACQ2");
    book.importAll(exported);

    assertEquals(List.of("+000011", "+000012", "+000013", "-000011", "-000012", "-000013", "+000013"), heard);
  }

  @Test
  void issuerAnswerMatchesItsContextOnce() {
    InFlightAuthorization sent = authorization("ACQ1", "000123", "ISS1", "000001", 5_000);
    book.add(sent);

    assertEquals(Optional.of(sent), book.match(sent.issuerKey()));
    assertEquals(Optional.empty(), book.match(sent.issuerKey()));
    assertEquals(0, book.size());
  }

  @Test
  void answerWithAnotherRrnOrTerminalDoesNotMatch() {
    InFlightAuthorization sent = authorization("ACQ1", "000123", "ISS1", "000001", 5_000);
    book.add(sent);

    assertEquals(
        Optional.empty(), book.match(new IssuerKey("ISS1", "000001", "OTHER", "TERM0001")));
    assertEquals(Optional.empty(), book.match(new IssuerKey("ISS1", "000001", "RRN000123", "T2")));
    assertEquals(
        Optional.empty(), book.match(new IssuerKey("ISS2", "000001", "RRN000123", "TERM0001")));
    assertEquals(1, book.size());
  }

  @Test
  void expiryTakesOnlyContextsPastTheirDeadlineEarliestFirst() {
    InFlightAuthorization late = authorization("ACQ1", "000002", "ISS1", "000002", 3_000);
    InFlightAuthorization early = authorization("ACQ1", "000001", "ISS1", "000001", 2_000);
    InFlightAuthorization notYet = authorization("ACQ1", "000003", "ISS1", "000003", 3_001);
    book.add(late);
    book.add(early);
    book.add(notYet);

    assertEquals(List.of(), book.expire(1_999));
    assertEquals(List.of(early, late), book.expire(3_000));
    assertEquals(List.of(), book.expire(3_000));
    assertEquals(Optional.of(notYet), book.match(notYet.issuerKey()));
  }

  @Test
  void answeredContextDoesNotExpireAndExpiredOneCannotBeMatched() {
    InFlightAuthorization answered = authorization("ACQ1", "000001", "ISS1", "000001", 1_000);
    InFlightAuthorization expired = authorization("ACQ1", "000002", "ISS1", "000002", 1_000);
    book.add(answered);
    book.add(expired);
    book.match(answered.issuerKey());

    assertEquals(List.of(expired), book.expire(1_000));
    assertEquals(Optional.empty(), book.match(expired.issuerKey()));
  }

  @Test
  void issuerStanInFlightIsKnownAndCannotBeAddedTwice() {
    book.add(authorization("ACQ1", "000001", "ISS1", "000077", 1_000));
    assertTrue(book.holdsIssuerStan("ISS1", "000077"));
    assertFalse(book.holdsIssuerStan("ISS2", "000077"));

    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class,
            () -> book.add(authorization("ACQ2", "000009", "ISS1", "000077", 1_000)));
    assertEquals("issuer ISS1 has STAN 000077 in flight already", refused.getMessage());
  }

  @Test
  void removedContextIsGone() {
    InFlightAuthorization sent = authorization("ACQ1", "000001", "ISS1", "000001", 1_000);
    book.add(sent);
    assertEquals(Optional.of(sent), book.remove(sent.issuerKey()));
    assertFalse(book.holdsIssuerStan("ISS1", "000001"));
    assertEquals(List.of(), book.expire(1_000));
  }

  @Test
  void exportTakesEveryContextOfTheBankAsAcquirerOrAsIssuer() {
    InFlightAuthorization acq1ToIss1 = authorization("ACQ1", "000001", "ISS1", "000001", 5_000);
    InFlightAuthorization acq2ToIss1 = authorization("ACQ2", "000001", "ISS1", "000002", 5_000);
    InFlightAuthorization acq2ToIss2 = authorization("ACQ2", "000002", "ISS2", "000001", 5_000);
    book.add(acq1ToIss1);
    book.add(acq2ToIss1);
    book.add(acq2ToIss2);

    List<InFlightAuthorization> forIss1 = book.export("ISS1");
    assertEquals(2, forIss1.size());
    assertTrue(forIss1.containsAll(List.of(acq1ToIss1, acq2ToIss1)));
    assertEquals(List.of(acq2ToIss2), book.export("ACQ2"));
    assertEquals(0, book.size());
  }

  @Test
  void importedContextsMatchAndExpireOnTheirOriginalDeadlines() {
    InFlightAuthorization answered = authorization("ACQ1", "000001", "ISS1", "000001", 5_000);
    InFlightAuthorization expiring = authorization("ACQ1", "000002", "ISS1", "000002", 5_000);
    book.add(answered);
    book.add(expiring);

    InFlightBook otherNode = new InFlightBook();
    assertEquals(List.of(), otherNode.importAll(book.export("ACQ1")));

    assertEquals(Optional.of(answered), otherNode.match(answered.issuerKey()));
    assertEquals(List.of(), otherNode.expire(4_999));
    assertEquals(List.of(expiring), otherNode.expire(5_000));
  }

  @Test
  void importRefusesContextsWhoseIssuerStanIsInFlightAlready() {
    InFlightAuthorization here = authorization("ACQ2", "000009", "ISS1", "000001", 5_000);
    InFlightAuthorization arriving = authorization("ACQ1", "000001", "ISS1", "000001", 5_000);
    book.add(here);

    assertEquals(List.of(arriving), book.importAll(List.of(arriving)));
    assertEquals(Optional.of(here), book.match(here.issuerKey()));
  }

  @Test
  void pendingOriginalIsFoundByItsAcquirerReference() {
    InFlightAuthorization original = authorization("ACQ1", "000123", "ISS1", "000001", 5_000);
    book.add(original);

    OriginalReference by90 = new OriginalReference("0100", "000123", "0612143000", null, null);
    OriginalReference by11And37And41 =
        new OriginalReference(null, "000123", null, "RRN000123", "TERM0001");
    assertEquals(Optional.of(original), book.findOriginal("ACQ1", by90));
    assertEquals(Optional.of(original), book.findOriginal("ACQ1", by11And37And41));
    assertEquals(Optional.empty(), book.findOriginal("ACQ2", by90));

    book.match(original.issuerKey());
    assertEquals(Optional.empty(), book.findOriginal("ACQ1", by90));
  }

  @Test
  void answerRacingTheDeadlineLeavesTheBookExactlyOnce() throws Exception {
    int contexts = 2_000;
    for (int i = 1; i <= contexts; i++) {
      book.add(authorization("ACQ1", IssuerStan.format(i), "ISS1", IssuerStan.format(i), 1_000));
    }
    AtomicInteger answered = new AtomicInteger();
    AtomicInteger expired = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<?>> racers = new ArrayList<>();
      racers.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 1; i <= contexts; i++) {
                  String stan = IssuerStan.format(i);
                  book.match(new IssuerKey("ISS1", stan, "RRN" + stan, "TERM0001"))
                      .ifPresent(a -> answered.incrementAndGet());
                }
                return null;
              }));
      for (int sweeper = 0; sweeper < 2; sweeper++) {
        racers.add(
            pool.submit(
                () -> {
                  start.await();
                  while (book.size() > 0) {
                    expired.addAndGet(book.expire(1_000).size());
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> racer : racers) {
        racer.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(contexts, answered.get() + expired.get());
  }
}
