package dev.baton.connector.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.connector.api.IsoMessage;
import dev.baton.connector.api.ReaderBursts;
import dev.baton.connector.api.SessionState;
import dev.baton.connector.config.AllowedSources;
import dev.baton.connector.config.BankSessionConfig;
import dev.baton.connector.config.ErrorPolicy;
import dev.baton.connector.config.SessionMode;
import dev.baton.connector.framing.FrameRules;
import dev.baton.connector.session.BankSession;
import dev.baton.connector.session.InboundHandler;
import dev.baton.connector.session.IsoMessages;
import dev.baton.connector.session.SessionCounters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.function.ToLongFunction;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.packager.ISO87BPackager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A listening session over real loopback sockets, with a second, well-behaved bank beside it. */
class ListeningEndpointTest {

  private static final Duration WITHIN = Duration.ofSeconds(5);
  private static final ThreadFactory THREADS = Thread.ofVirtual().name("test-session-", 0).factory();

  private final List<AutoCloseable> cleanup = new ArrayList<>();
  private final AnsweringHandler handler = new AnsweringHandler();
  private ListeningEndpoint neighbour;
  private TestBank neighbourBank;

  @BeforeEach
  void startAWellBehavedNeighbour() throws Exception {
    neighbour = listen(BankSessionConfig.of("ISS1", "ISS1-1", SessionMode.LISTEN, "127.0.0.1", 0));
    neighbourBank = track(new TestBank(neighbour.localPort()));
    assertEquals("00", neighbourBank.signOn().getString(39));
  }

  @AfterEach
  void stopEverything() throws Exception {
    for (AutoCloseable closeable : cleanup.reversed()) {
      closeable.close();
    }
  }

  @Test
  void answersSignOnEchoAndSignOffItself() throws Exception {
    ListeningEndpoint endpoint = listen(config());
    TestBank bank = track(new TestBank(endpoint.localPort()));

    ISOMsg signOn = bank.signOn();
    assertEquals("0810", signOn.getMTI());
    assertEquals("00", signOn.getString(39));
    assertEquals("001", signOn.getString(70));
    assertEquals(SessionState.SIGNED_ON, state(endpoint));
    assertEquals("00", bank.request(bank.network("301")).getString(39));
    assertEquals("00", bank.request(bank.network("002")).getString(39));
    assertEquals(SessionState.SIGNED_OFF, state(endpoint));
    assertEquals("00", bank.request(bank.network("301")).getString(39), "echo works signed off");
    assertEquals(0, handler.answered.get(), "network management never reaches the application");
  }

  @Test
  void declinesRequestsBeforeSignOnAndDeliversThemAfter() throws Exception {
    ListeningEndpoint endpoint = listen(config());
    TestBank bank = track(new TestBank(endpoint.localPort()));

    ISOMsg declined = bank.request(bank.authorization());
    assertEquals("0110", declined.getMTI());
    assertEquals("91", declined.getString(39));

    bank.signOn();
    ISOMsg approved = bank.request(bank.authorization());
    assertEquals("00", approved.getString(39));
    assertEquals("TERM0001", approved.getString(41));
    Poll.until("answer counted", WITHIN, () -> handler.answered.get() == 1);
  }

  @Test
  void handsASignedOnRequestOverWithTheFieldsJposUnpacksFromItsFrameAsSent() throws Exception {
    ListeningEndpoint endpoint = listen(config());
    TestBank bank = track(new TestBank(endpoint.localPort()));
    bank.signOn();
    ISOMsg request = bank.authorization();
    request.set(14, "2512");
    request.set(22, "051");
    request.set(35, "4111111111111111=25121010000012300000");
    request.set(52, new byte[] {0x12, 0x34, 0x56, 0x78, (byte) 0x9A, (byte) 0xBC, (byte) 0xDE, (byte) 0xF0});
    request.set(55, new byte[] {(byte) 0x9F, 0x26, 0x08, 1, 2, 3, 4, 5, 6, 7, 8});

    assertEquals("00", bank.request(request).getString(39));

    Poll.until("message handed over", WITHIN, () -> handler.lastMessage != null);
    request.setPackager(new ISO87BPackager());
    assertArrayEquals(request.pack(), handler.lastFrame, "the frame as the bank sent it");
    ISOMsg unpacked = new ISOMsg();
    unpacked.setPackager(new ISO87BPackager());
    unpacked.unpack(handler.lastFrame);
    assertEquals(IsoMessages.unpacked(unpacked), handler.lastMessage);
    assertEquals("4111111111111111=25121010000012300000", handler.lastMessage.field(35));
    assertEquals("123456789ABCDEF0", handler.lastMessage.field(52));
    assertEquals("TERM0001", handler.lastMessage.field(41));
  }

  @Test
  void framesThatArriveTogetherLetTheListenerDeferItsWorkToAfterTheLastAndALoneFrameDefersNothing() throws Exception {
    List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    Runnable flush = () -> events.add("deferred work ran on " + Thread.currentThread().getName());
    InboundHandler deferring = new InboundHandler() {
      @Override
      public void onMessage(BankSession session, IsoMessage message, byte[] frame) {
        boolean deferred = ReaderBursts.deferToEndOfBurst(flush);
        events.add(message.field(11) + (deferred ? " deferred" : " at once"));
        handler.onMessage(session, message, frame);
      }

      @Override
      public void onStateChange(BankSession session, SessionState state) {
        handler.onStateChange(session, state);
      }
    };
    ListeningEndpoint endpoint = (ListeningEndpoint) SessionEndpoint.of(config(), deferring, THREADS);
    endpoint.start();
    cleanup.add(endpoint::stop);
    TestBank bank = track(new TestBank(endpoint.localPort()));
    bank.signOn();

    bank.sendTogether(bank.authorization(), bank.authorization(), bank.authorization());
    for (int i = 0; i < 3; i++) {
      assertEquals("00", bank.receive().getString(39));
    }
    Poll.until("the burst's deferred work ran", WITHIN, () -> events.size() == 4);
    String reader = events.get(3).substring("deferred work ran on ".length());
    assertEquals(List.of("000002 deferred", "000003 deferred", "000004 at once", "deferred work ran on " + reader),
        events, "deferred while the next frame was whole in hand, once, after the last frame");
    org.junit.jupiter.api.Assertions.assertNotEquals(Thread.currentThread().getName(), reader, "run by the session's reader");

    assertEquals("00", bank.request(bank.authorization()).getString(39));
    assertEquals(List.of("000002 deferred", "000003 deferred", "000004 at once", "deferred work ran on " + reader,
        "000005 at once"), events, "a frame alone defers nothing");
    assertFalse(ReaderBursts.deferToEndOfBurst(flush), "a thread that is no session reader defers nothing");
  }

  @Test
  void refusesAnOversizedLengthPrefixBeforeReadingTheFrame() throws Exception {
    // A long read timeout: closing quickly proves the adapter did not wait for 65535 bytes.
    ListeningEndpoint endpoint = listen(config().withFrameRules(
        FrameRules.defaults().withReadTimeout(Duration.ofSeconds(30))));
    RawPeer peer = track(new RawPeer(endpoint.localPort()));

    peer.write(new byte[] {(byte) 0xFF, (byte) 0xFF, 0x08, 0x00});

    assertTrue(peer.closedByAdapter());
    awaitCount(endpoint, "oversized frames", SessionCounters.Snapshot::oversizedFrames, 1);
    assertNeighbourUnaffected();
  }

  @Test
  void answersAFrameThatDoesNotUnpackWithFormatError() throws Exception {
    ListeningEndpoint endpoint = listen(config());
    RawPeer peer = track(new RawPeer(endpoint.localPort()));
    byte[] image = authorizationImage();

    // Field 49 is cut short: MTI, 11, 37 and 41 are readable.
    peer.writeFrame(Arrays.copyOf(image, image.length - 2));

    ISOMsg answer = peer.readMessage();
    assertEquals("0110", answer.getMTI());
    assertEquals("30", answer.getString(39));
    assertEquals("000042", answer.getString(11));
    assertEquals("TERM0001", answer.getString(41));
    awaitCount(endpoint, "format errors answered", SessionCounters.Snapshot::formatErrorsAnswered, 1);
    assertEquals(1, counters(endpoint).badFrames());
    peer.writeFrame(image);
    assertEquals("91", peer.readMessage().getString(39), "one bad frame does not close the session");
    assertNeighbourUnaffected();
  }

  @Test
  void dropsAFrameWhoseKeyFieldsCannotBeRead() throws Exception {
    ListeningEndpoint endpoint = listen(config());
    RawPeer peer = track(new RawPeer(endpoint.localPort()));
    byte[] image = authorizationImage();

    // Cut inside field 2: the bitmap announces 11, 37 and 41, none of them can be read.
    peer.writeFrame(Arrays.copyOf(image, 14));
    peer.writeFrame(image);

    ISOMsg answer = peer.readMessage();
    assertEquals("91", answer.getString(39), "the first answer is to the good frame");
    awaitCount(endpoint, "dropped frames", SessionCounters.Snapshot::droppedFrames, 1);
    assertEquals(0, counters(endpoint).formatErrorsAnswered());
  }

  @Test
  void closesTheSessionAfterConsecutiveBadFrames() throws Exception {
    ListeningEndpoint endpoint = listen(config().withErrorPolicy(new ErrorPolicy(3)));
    RawPeer peer = track(new RawPeer(endpoint.localPort()));

    for (int i = 0; i < 3; i++) {
      peer.writeFrame(new byte[] {0x01, 0x02, 0x03, 0x04, 0x05});
    }

    assertTrue(peer.closedByAdapter());
    awaitCount(endpoint, "bad frames", SessionCounters.Snapshot::badFrames, 3);
    assertNeighbourUnaffected();
  }

  @Test
  void closesAPartialFrameThatStallsPastTheReadTimeout() throws Exception {
    ListeningEndpoint endpoint = listen(config().withFrameRules(
        FrameRules.defaults().withReadTimeout(Duration.ofMillis(300))));
    RawPeer peer = track(new RawPeer(endpoint.localPort()));

    peer.write(new byte[] {0x00, 0x30, 0x01, 0x00, 0x72});

    assertTrue(peer.closedByAdapter());
    awaitCount(endpoint, "read timeouts", SessionCounters.Snapshot::readTimeouts, 1);
    // The neighbour has been silent longer than this session's read timeout: silence is not a
    // stalled frame, so it is still there.
    assertNeighbourUnaffected();
  }

  /**
   * Tried: a bank that connects and never reads, answers written to it until the socket buffers
   * are full and a write blocks, a write timeout of 300 ms; beside it an idle session with the same
   * timeout and nothing to write.
   */
  @Test
  void endsASessionWhoseBankStopsReadingOnceAWriteWaitsPastTheWriteTimeoutAndFreesItsWriter() throws Exception {
    FrameRules quick = FrameRules.defaults().withWriteTimeout(Duration.ofMillis(300));
    ListeningEndpoint idle = listen(BankSessionConfig.of("ACQ2", "ACQ2-1", SessionMode.LISTEN, "127.0.0.1", 0)
        .withFrameRules(quick));
    track(new RawPeer(idle.localPort()));
    ListeningEndpoint endpoint = listen(config().withFrameRules(quick));
    RawPeer deaf = track(new RawPeer(endpoint.localPort())); // reads nothing, ever
    Poll.until("both connected", WITHIN, () -> endpoint.session().isPresent() && idle.session().isPresent());
    BankSession session = endpoint.session().orElseThrow();

    // Answers to the bank until the kernel's buffers are full and a write blocks, as the edge's
    // writer thread would: the write watch must free it.
    byte[] answer = authorizationImage();
    java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.CompletableFuture<Exception> writerFreed = new java.util.concurrent.CompletableFuture<>();
    Thread.ofPlatform().name("writer-to-a-deaf-bank").daemon().start(() -> {
      try {
        while (true) {
          session.sendPacked(answer);
          written.incrementAndGet();
        }
      } catch (Exception e) {
        writerFreed.complete(e);
      }
    });

    Exception failure = writerFreed.get(WITHIN.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    assertTrue(failure instanceof java.io.IOException, "the blocked write failed: " + failure);
    assertTrue(written.get() > 0, "the buffers took writes before one blocked");
    Poll.until("the session ended", WITHIN, session::isClosed);
    assertTrue(deaf.closedByAdapterOnceDrained(), "the bank sees its connection end");
    awaitCount(endpoint, "write timeouts", SessionCounters.Snapshot::writeTimeouts, 1);
    // The watch took at least the timeout to act: the session beside it, with nothing to write in
    // that time, is still connected.
    assertTrue(idle.session().isPresent(), "a session with no write waiting is not ended");
    assertEquals(0, counters(idle).writeTimeouts());
    assertNeighbourUnaffected();
  }

  @Test
  void refusesConnectionsFromOutsideTheAllowedSources() throws Exception {
    ListeningEndpoint endpoint =
        listen(config().withAllowedSources(AllowedSources.parse("10.0.0.0/8, 192.168.1.7")));
    RawPeer peer = track(new RawPeer(endpoint.localPort()));

    assertTrue(peer.closedByAdapter());
    awaitCount(endpoint, "refused connections", SessionCounters.Snapshot::refusedConnections, 1);
    assertTrue(endpoint.session().isEmpty());
    assertNeighbourUnaffected();
  }

  @Test
  void letsANewConnectionReplaceTheOldOne() throws Exception {
    ListeningEndpoint endpoint = listen(config());
    RawPeer old = track(new RawPeer(endpoint.localPort()));
    Poll.until("first connection", WITHIN, () -> endpoint.session().isPresent());

    TestBank bank = track(new TestBank(endpoint.localPort()));

    assertTrue(old.closedByAdapter());
    assertEquals("00", bank.signOn().getString(39));
    assertEquals(2, counters(endpoint).connections());
  }

  private void assertNeighbourUnaffected() throws Exception {
    assertEquals("00", neighbourBank.request(neighbourBank.authorization()).getString(39));
    assertEquals(SessionState.SIGNED_ON, state(neighbour));
  }

  private static BankSessionConfig config() {
    return BankSessionConfig.of("ACQ1", "ACQ1-1", SessionMode.LISTEN, "127.0.0.1", 0);
  }

  private ListeningEndpoint listen(BankSessionConfig config) throws Exception {
    ListeningEndpoint endpoint = (ListeningEndpoint) SessionEndpoint.of(config, handler, THREADS);
    endpoint.start();
    cleanup.add(endpoint::stop);
    return endpoint;
  }

  private <T extends AutoCloseable> T track(T closeable) {
    cleanup.add(closeable);
    return closeable;
  }

  private static SessionState state(SessionEndpoint endpoint) {
    return endpoint.session().map(BankSession::state).orElse(SessionState.DISCONNECTED);
  }

  // Counters move just after the bytes the peer sees, so they are polled, not read once.
  private static void awaitCount(SessionEndpoint endpoint, String what,
      ToLongFunction<SessionCounters.Snapshot> counter, long expected) {
    Poll.until(what + " = " + expected, WITHIN,
        () -> counter.applyAsLong(counters(endpoint)) == expected);
  }

  private static SessionCounters.Snapshot counters(SessionEndpoint endpoint) {
    return endpoint.counters().snapshot();
  }

  private static byte[] authorizationImage() throws Exception {
    ISOMsg message = new ISOMsg("0100");
    message.setPackager(new ISO87BPackager());
    message.set(2, "4111111111111111");
    message.set(4, "000000001000");
    message.set(11, "000042");
    message.set(37, "RRN000000042");
    message.set(41, "TERM0001");
    message.set(49, "978");
    return message.pack();
  }
}
