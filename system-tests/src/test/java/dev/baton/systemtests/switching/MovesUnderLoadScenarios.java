package dev.baton.systemtests.switching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.systemtests.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Operators' moves while ACQ1 sends 300 requests a second (cards of both BINs, so of both issuers):
 * 20 moves of ACQ1 from node to node, then 10 moves of every bank, through the management API.
 * Every request is answered once, every answer is the issuer's approval, and no bank's connection
 * is closed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class MovesUnderLoadScenarios {

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final Duration ANSWER = Duration.ofSeconds(12);
  private static final List<String> CARDS = List.of("4000000000000002", "5100000000000008");
  private static final int RATE = 300;

  private TestAcquirer acquirer;
  private TestIssuer iss1;
  private TestIssuer iss2;

  /** What the management API answered to a move: the HTTP status and the body. */
  public record MoveAnswer(int status, String body) {
    /** The in-flight authorizations the answer says were handed over, summed over its banks. */
    int contextsHandedOver() {
      return HANDED_OVER.matcher(body).results().mapToInt(found -> Integer.parseInt(found.group(1))).sum();
    }
  }

  private static final java.util.regex.Pattern HANDED_OVER =
      java.util.regex.Pattern.compile("\"contextsHandedOver\"\\s*:\\s*(\\d+)");
  /** The issuers answer after this long, so that every move finds authorizations in flight. */
  private static final long ISSUER_LATENCY_MILLIS = 150;

  /** Moves one bank through the management API as an operator. */
  protected abstract MoveAnswer move(String bank, String to);

  /** Moves every bank through the management API as an operator. */
  protected abstract MoveAnswer moveAll(String to);

  /** Starts a killed server again and waits until it is ready. */
  protected abstract void restart(String role) throws Exception;

  /** The pid file (process group) of a server of the started topology ("node-b", ...). */
  protected abstract java.nio.file.Path pidFile(String role);

  /** The log of a server of the started topology ("edge", "node-a", ...). */
  protected abstract java.nio.file.Path log(String role);

  @BeforeAll
  void connectTheDemoBanks() throws Exception {
    iss1 = new TestIssuer("ISS1", 10011, PATIENCE);
    iss2 = new TestIssuer("ISS2", 10012, PATIENCE);
    acquirer = new TestAcquirer("ACQ1", 10001, PATIENCE);
    for (String card : CARDS) {
      Poll.until("an approval for " + card.charAt(0), PATIENCE, () -> approved(card));
    }
  }

  @AfterAll
  void banksGoHomeAndNoConnectionWasClosed() throws Exception {
    for (String[] home : new String[][] {{"ACQ1", "A"}, {"ISS1", "A"}, {"ACQ2", "B"}, {"ISS2", "B"}}) {
      Poll.until(home[0] + " back home on " + home[1], PATIENCE, () -> acceptedAfterRefusals(move(home[0], home[1]).status()));
    }
    for (BankPeer bank : List.of(acquirer, iss1, iss2)) {
      assertFalse(bank.closedBySwitch(), bank.name() + "'s connection was closed by the switch");
      bank.close();
    }
  }

  @Test
  void twentyMovesOfOneBankAndTenOfAllUnderLoadHandTheirInFlightAuthorizationsOverAndAnswerEachOnceWithItsApproval()
      throws Exception {
    Load load = Load.start(this);
    int handedOver = 0;
    try {
      // A node SUSPECT for a heartbeat (2 busy cores) refuses a move with 409, as it should; the
      // operator tries again, as the test does until the move is accepted.
      for (int i = 0; i < 20; i++) {
        String to = i % 2 == 0 ? "B" : "A";
        handedOver += acceptedMove("move " + (i + 1) + " of ACQ1 to " + to, () -> move("ACQ1", to));
      }
      for (int i = 0; i < 10; i++) {
        String to = i % 2 == 0 ? "B" : "A";
        handedOver += acceptedMove("move " + (i + 1) + " of all banks to " + to, () -> moveAll(to));
      }
    } finally {
      load.stop();
    }
    load.assertEveryRequestApprovedOnce();
    System.out.println("30 moves under " + RATE + " TPS handed " + handedOver + " in-flight authorizations over");
    assertTrue(handedOver > 0, "the moves found authorizations in flight and handed them over: " + handedOver);
  }

  @Test
  void moveWhoseTargetIsKilledHalfWayRollsBackAndEveryRequestIsAnsweredOnceWithItsApproval() throws Exception {
    move("ACQ1", "A"); // home, and a token in hand before the clock starts
    long nodeB = Long.parseLong(java.nio.file.Files.readString(pidFile("node-b")).strip());
    Load load = Load.start(this);
    MoveAnswer answer;
    try {
      Poll.until("ACQ1 has authorizations in flight", PATIENCE, () -> acquirer.pending() > 10);
      // Node B dies as the move starts: still UP at the edge for the moment its link takes to
      // drop, so the move is accepted, and it never imports ACQ1's contexts.
      signal("KILL", nodeB);
      answer = move("ACQ1", "B");
      int answeredAtTheEnd = acquirer.answered();
      Poll.until("ACQ1's traffic flows on after the move", PATIENCE, () -> acquirer.answered() > answeredAtTheEnd + RATE);
    } finally {
      load.stop();
      restart("node-b");
    }
    load.assertEveryRequestApprovedOnce();
    System.out.println("move of ACQ1 to node B killed half way: " + answer.status() + " " + answer.body());
    assertEquals(503, answer.status(), "rolled back, ACQ1 stays on node A: " + answer.body());
  }

  /** ACQ1 sending {@link #RATE} requests a second, cards of both issuers, until stopped. */
  private record Load(MovesUnderLoadScenarios test, AtomicBoolean sending, List<CompletableFuture<ISOMsg>> answers,
      Thread thread) {

    static Load start(MovesUnderLoadScenarios test) {
      for (TestIssuer issuer : List.of(test.iss1, test.iss2)) {
        issuer.answerWith(request -> {
          DELAYED.schedule(() -> answerQuietly(issuer, TestIssuer.answerOf(request, "00")), ISSUER_LATENCY_MILLIS,
              TimeUnit.MILLISECONDS);
          return null;
        });
      }
      AtomicBoolean sending = new AtomicBoolean(true);
      List<CompletableFuture<ISOMsg>> answers = java.util.Collections.synchronizedList(new ArrayList<>());
      Thread thread = Thread.ofPlatform().name("acq1-load").start(() -> {
        long interval = 1_000_000_000L / RATE;
        long next = System.nanoTime();
        int i = 0;
        while (sending.get()) {
          long wait = next - System.nanoTime();
          if (wait > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(wait); // pacing the load
          }
          try {
            answers.add(test.acquirer.ask(TestAcquirer.request("0100", CARDS.get(i++ % 2))));
          } catch (Exception e) {
            throw new IllegalStateException("ACQ1 could not send", e);
          }
          next += interval;
        }
      });
      return new Load(test, sending, answers, thread);
    }

    void stop() throws InterruptedException {
      sending.set(false);
      thread.join();
    }

    void assertEveryRequestApprovedOnce() throws Exception {
      Map<String, Integer> byRc = new TreeMap<>();
      List<ISOMsg> declined = new ArrayList<>();
      for (CompletableFuture<ISOMsg> answer : List.copyOf(answers)) {
        ISOMsg received = TestAcquirer.await(answer, ANSWER);
        byRc.merge(received.getString(39), 1, Integer::sum);
        if (!"00".equals(received.getString(39))) {
          declined.add(received);
        }
      }
      Poll.until("every request of ACQ1 answered", ANSWER, () -> test.acquirer.pending() == 0);
      for (TestIssuer issuer : List.of(test.iss1, test.iss2)) {
        issuer.answerWith(request -> TestIssuer.answerOf(request, "00"));
      }
      assertTrue(answers.size() > 300, "the load ran through the moves: " + answers.size() + " requests");
      assertEquals(test.acquirer.sent(), test.acquirer.answered(), "one answer per request");
      assertEquals(List.of(), test.acquirer.unexpected(), "no answer nobody asked for, and none twice");
      assertEquals(Map.of("00", answers.size()), byRc,
          () -> "every request approved, as the issuers did; not approved:" + test.whatTheLogsSay(declined));
    }
  }

  /**
   * Each answer that was not an approval, with the servers' log lines that name its STAN or
   * retrieval reference, then what the nodes dropped (issuer answers nobody waited for).
   */
  private String whatTheLogsSay(List<ISOMsg> declined) {
    StringBuilder said = new StringBuilder();
    for (String role : List.of("node-a", "node-b")) {
      try (var lines = java.nio.file.Files.lines(log(role), java.nio.charset.StandardCharsets.ISO_8859_1)) {
        lines.filter(line -> line.contains(": dropped: ")).forEach(line -> said.append("\n  ").append(role).append(": ").append(line));
      } catch (java.io.IOException | java.io.UncheckedIOException e) {
        said.append("\n  ").append(role).append(": log not readable: ").append(e.getMessage());
      }
    }
    for (ISOMsg answer : declined) {
      String reference = answer.getString(37);
      String stan = answer.getString(11);
      said.append("\n  RC ").append(answer.getString(39)).append(" STAN ").append(answer.getString(11))
          .append(" RRN ").append(reference).append(" card ").append(answer.getString(2));
      for (String role : List.of("edge", "node-a", "node-b")) {
        try (var lines = java.nio.file.Files.lines(log(role), java.nio.charset.StandardCharsets.ISO_8859_1)) {
          lines.filter(line -> line.contains(String.valueOf(reference)) || line.contains(String.valueOf(stan)))
              .forEach(line -> said.append("\n    ").append(role).append(": ").append(line));
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
          said.append("\n    ").append(role).append(": log not readable: ").append(e.getMessage());
        }
      }
    }
    return said.toString();
  }

  private static final java.util.concurrent.ScheduledExecutorService DELAYED =
      java.util.concurrent.Executors.newScheduledThreadPool(2);

  private static void answerQuietly(TestIssuer issuer, ISOMsg answer) {
    try {
      issuer.answer(answer);
    } catch (Exception e) {
      throw new IllegalStateException(issuer.name() + " could not answer", e);
    }
  }

  /** Tries a move until it is accepted (see {@link #acceptedAfterRefusals}); its contexts handed over. */
  private static int acceptedMove(String what, java.util.function.Supplier<MoveAnswer> move) throws InterruptedException {
    int[] handedOver = {0};
    Poll.until(what + " accepted", PATIENCE, () -> {
      MoveAnswer answer = move.get();
      handedOver[0] = answer.contextsHandedOver();
      return acceptedAfterRefusals(answer.status());
    });
    return handedOver[0];
  }

  private static void signal(String signal, long processGroup) throws java.io.IOException, InterruptedException {
    // "--" so that the negative number is read as a process group, not as an option
    Process kill = new ProcessBuilder("kill", "-s", signal, "--", "-" + processGroup).inheritIO().start();
    assertEquals(0, kill.waitFor(), "kill -s " + signal + " -- -" + processGroup);
  }

  /**
   * True for 200; false for 409 (the target not UP at that moment) and 503 (a busy target did not
   * import in time: rolled back, nothing changed), after which an operator tries again; anything
   * else fails the test. Whatever the answers, every request is checked to be approved once.
   */
  private static boolean acceptedAfterRefusals(int status) {
    if (status != 200 && status != 409 && status != 503) {
      throw new AssertionError("a move answered " + status);
    }
    if (status == 503) {
      System.out.println("a move under load was rolled back (503) and is tried again");
    }
    return status == 200;
  }

  private boolean approved(String card) {
    try {
      return "00".equals(acquirer.exchange(TestAcquirer.request("0100", card), ANSWER).getString(39));
    } catch (Exception | AssertionError e) {
      return false;
    }
  }
}
