package dev.baton.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.connector.api.IsoMessage;
import dev.baton.processing.Decision.AdviseIssuer;
import dev.baton.processing.Decision.AnswerAcquirer;
import dev.baton.processing.Decision.Discard;
import dev.baton.processing.Decision.ForwardToIssuer;
import dev.baton.processing.bin.BinTable;
import dev.baton.processing.inflight.FinishedAuthorizations;
import dev.baton.processing.inflight.InFlightBook;
import dev.baton.processing.inflight.IssuerStans;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorizationRouterTest {

  private static final long T0 = 1_000_000L;
  private static final String VISA = "4111111111111111";

  private final AtomicReference<BinTable> bins =
      new AtomicReference<>(BinTable.of(Map.of("4", "ISS1", "5", "ISS2")));
  private final Set<String> signedOn = new HashSet<>(Set.of("ISS1", "ISS2"));
  private final InFlightBook book = new InFlightBook();
  private final AuthorizationRouter router =
      new AuthorizationRouter(
          bins::get,
          signedOn::contains,
          new DuplicateDetector(Duration.ofSeconds(60)),
          book,
          new FinishedAuthorizations(Duration.ofSeconds(60)),
          new IssuerStans(),
          Duration.ofSeconds(5));

  private static IsoMessage request(String mti, String pan, String stan) {
    return new IsoMessage(
        mti,
        Map.ofEntries(
            Map.entry(2, pan),
            Map.entry(3, "000000"),
            Map.entry(4, "000000010000"),
            Map.entry(7, "0612143000"),
            Map.entry(11, stan),
            Map.entry(12, "143000"),
            Map.entry(13, "0612"),
            Map.entry(35, pan + "=2512"),
            Map.entry(37, "RRN" + stan),
            Map.entry(41, "TERM0001"),
            Map.entry(42, "MERCHANT0000001"),
            Map.entry(49, "978"),
            Map.entry(52, "0123456789ABCDEF")));
  }

  private ForwardToIssuer forward(IsoMessage request, long now) {
    return assertInstanceOf(
        ForwardToIssuer.class, router.onAcquirerRequest("ACQ1", "ACQ1-2", request, now));
  }

  private AnswerAcquirer answerNow(IsoMessage request) {
    return assertInstanceOf(
        AnswerAcquirer.class, router.onAcquirerRequest("ACQ1", "ACQ1-2", request, T0));
  }

  private static IsoMessage issuerAnswer(ForwardToIssuer forward, String responseCode) {
    IsoMessage sent = forward.issuerRequest();
    return sent.withMti(sent.responseMti()).with(39, responseCode).with(38, "AB1234");
  }

  @Test
  void requestGoesToTheIssuerOfItsBinUnderAnIssuerStan() {
    ForwardToIssuer forward = forward(request("0100", VISA, "000123"), T0);

    assertEquals("ISS1", forward.issuerId());
    assertEquals("0100", forward.issuerRequest().mti());
    assertEquals("000001", forward.issuerRequest().field(11));
    assertEquals("RRN000123", forward.issuerRequest().field(37));
    assertEquals("000123", forward.context().request().field(11));
    assertEquals(T0 + 5_000, forward.context().deadlineMillis());
    assertEquals(1, book.size());
  }

  @Test
  void approvalGoesBackToTheAcquirersSessionWithItsOwnStan() {
    ForwardToIssuer forward = forward(request("0100", VISA, "000123"), T0);

    AnswerAcquirer answer =
        assertInstanceOf(
            AnswerAcquirer.class,
            router.onIssuerAnswer("ISS1", issuerAnswer(forward, "00"), T0 + 80));
    assertEquals("ACQ1", answer.acquirerId());
    assertEquals("ACQ1-2", answer.sessionId());
    assertEquals("0110", answer.answer().mti());
    assertEquals("00", answer.responseCode());
    assertEquals("000123", answer.answer().field(11));
    assertEquals("RRN000123", answer.answer().field(37));
    assertEquals("TERM0001", answer.answer().field(41));
    assertEquals("AB1234", answer.answer().field(38));
    assertEquals(0, book.size());
  }

  @Test
  void everyAnswerCarriesTheEdgesCorrelationOfItsRequest() {
    ForwardToIssuer forward =
        assertInstanceOf(
            ForwardToIssuer.class,
            router.onAcquirerRequest("ACQ1", "ACQ1-2", request("0100", VISA, "000201"), T0, 71));
    AnswerAcquirer approved =
        assertInstanceOf(
            AnswerAcquirer.class, router.onIssuerAnswer("ISS1", issuerAnswer(forward, "00"), T0));
    assertEquals(71, approved.correlation());

    AnswerAcquirer declinedAtOnce =
        assertInstanceOf(
            AnswerAcquirer.class,
            router.onAcquirerRequest("ACQ1", "ACQ1-2", request("0100", "9999000000000001", "000202"), T0, 72));
    assertEquals(72, declinedAtOnce.correlation());

    router.onAcquirerRequest("ACQ1", "ACQ1-2", request("0100", VISA, "000203"), T0, 73);
    assertEquals(
        List.of(73L),
        router.onDeadline(T0 + 5_000).stream().map(AnswerAcquirer::correlation).toList());
  }

  @Test
  void financialRequestAndIssuerDeclineTravelTheSameWay() {
    ForwardToIssuer forward = forward(request("0200", "5100000000000008", "000124"), T0);
    assertEquals("ISS2", forward.issuerId());

    AnswerAcquirer answer =
        assertInstanceOf(
            AnswerAcquirer.class, router.onIssuerAnswer("ISS2", issuerAnswer(forward, "05"), T0));
    assertEquals("0210", answer.answer().mti());
    assertEquals("05", answer.responseCode());
  }

  @Test
  void unknownBinIsAnsweredRc15() {
    AnswerAcquirer answer = answerNow(request("0100", "6011000000000004", "000125"));
    assertEquals("15", answer.responseCode());
    assertEquals("0110", answer.answer().mti());
    assertEquals("000125", answer.answer().field(11));
    assertEquals(0, book.size());
  }

  @Test
  void issuerNotSignedOnIsAnsweredRc91AtOnce() {
    signedOn.remove("ISS1");
    assertEquals("91", answerNow(request("0100", VISA, "000126")).responseCode());
    assertEquals(0, book.size());
  }

  @Test
  void duplicateTransmissionIsAnsweredRc94() {
    forward(request("0100", VISA, "000127"), T0);
    AnswerAcquirer answer =
        assertInstanceOf(
            AnswerAcquirer.class,
            router.onAcquirerRequest("ACQ1", "ACQ1-1", request("0100", VISA, "000127"), T0 + 500));
    assertEquals("94", answer.responseCode());
    assertEquals("ACQ1-1", answer.sessionId());
    assertEquals(1, book.size());
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3, 4, 11, 41})
  void missingMandatoryFieldIsAnsweredRc30(int field) {
    AnswerAcquirer answer = answerNow(request("0100", VISA, "000128").without(field));
    assertEquals("30", answer.responseCode());
    assertEquals(0, book.size());
  }

  @Test
  void blankMandatoryFieldIsAnsweredRc30() {
    assertEquals("30", answerNow(request("0100", VISA, "000129").with(41, " ")).responseCode());
  }

  @Test
  void requestTypeTheSwitchDoesNotProcessIsAnsweredRc30() {
    AnswerAcquirer answer = answerNow(request("0300", VISA, "000130"));
    assertEquals("30", answer.responseCode());
    assertEquals("0310", answer.answer().mti());
  }

  @Test
  void switchAnswersEchoTheRequestButNotTrackDataOrPinBlock() {
    IsoMessage answer = answerNow(request("0100", "6011000000000004", "000131")).answer();
    assertEquals("000000010000", answer.field(4));
    assertNull(answer.field(35));
    assertNull(answer.field(52));
  }

  @Test
  void answerFromAnAcquirerIsDiscarded() {
    assertInstanceOf(
        Discard.class,
        router.onAcquirerRequest("ACQ1", "ACQ1-1", request("0110", VISA, "000132"), T0));
  }

  @Test
  void timeoutIsAnsweredRc91Once() {
    forward(request("0100", VISA, "000133"), T0);

    assertEquals(List.of(), router.onDeadline(T0 + 4_999));
    List<AnswerAcquirer> answers = router.onDeadline(T0 + 5_000);
    assertEquals(1, answers.size());
    assertEquals("91", answers.get(0).responseCode());
    assertEquals("000133", answers.get(0).answer().field(11));
    assertEquals("ACQ1-2", answers.get(0).sessionId());
    assertEquals(List.of(), router.onDeadline(T0 + 10_000));
  }

  @Test
  void lateApprovalAfterTimeoutIsReversedToTheIssuerWith0420() {
    ForwardToIssuer forward = forward(request("0100", VISA, "000134"), T0);
    router.onDeadline(T0 + 5_000);

    AdviseIssuer reversal =
        assertInstanceOf(
            AdviseIssuer.class,
            router.onIssuerAnswer("ISS1", issuerAnswer(forward, "00"), T0 + 7_000));
    IsoMessage advice = reversal.advice();
    assertEquals("ISS1", reversal.issuerId());
    assertEquals("0420", advice.mti());
    assertNotEquals(forward.issuerRequest().field(11), advice.field(11));
    assertEquals("0100" + "000001" + "0612143000" + "0".repeat(22), advice.field(90));
    assertEquals("AB1234", advice.field(38));
    assertEquals(VISA, advice.field(2));
    assertEquals("000000010000", advice.field(4));
    assertNull(advice.field(52));
  }

  @Test
  void lateApprovalIsReversedOnlyOnce() {
    ForwardToIssuer forward = forward(request("0100", VISA, "000135"), T0);
    router.onDeadline(T0 + 5_000);
    router.onIssuerAnswer("ISS1", issuerAnswer(forward, "00"), T0 + 6_000);

    assertInstanceOf(
        Discard.class, router.onIssuerAnswer("ISS1", issuerAnswer(forward, "00"), T0 + 6_100));
  }

  @Test
  void approvalTheEdgeRefusedAsTooLateIsReversedOnceAndADeclineIsNot() {
    ForwardToIssuer approved = forward(request("0100", VISA, "000137"), T0);
    IsoMessage approval = issuerAnswer(approved, "00");
    router.onIssuerAnswer("ISS1", approval, T0 + 100);

    AdviseIssuer advice =
        router.onAnswerRefused(approved.context().issuerKey(), approval, T0 + 200).orElseThrow();
    assertEquals("ISS1", advice.issuerId());
    assertEquals("0420", advice.advice().mti());
    assertEquals("AB1234", advice.advice().field(38));
    assertTrue(advice.advice().field(90).startsWith("0100" + approved.issuerRequest().field(11)));
    assertTrue(router.onAnswerRefused(approved.context().issuerKey(), approval, T0 + 300).isEmpty(), "only once");

    ForwardToIssuer declined = forward(request("0100", VISA, "000138"), T0);
    IsoMessage decline = issuerAnswer(declined, "05");
    router.onIssuerAnswer("ISS1", decline, T0 + 100);
    assertTrue(router.onAnswerRefused(declined.context().issuerKey(), decline, T0 + 200).isEmpty());
  }

  @Test
  void lateDeclineNeedsNoReversal() {
    ForwardToIssuer forward = forward(request("0100", VISA, "000136"), T0);
    router.onDeadline(T0 + 5_000);
    assertInstanceOf(
        Discard.class, router.onIssuerAnswer("ISS1", issuerAnswer(forward, "05"), T0 + 6_000));
  }

  @Test
  void repeatedOrUnsolicitedIssuerAnswersAreDiscarded() {
    ForwardToIssuer forward = forward(request("0100", VISA, "000137"), T0);
    router.onIssuerAnswer("ISS1", issuerAnswer(forward, "00"), T0 + 10);

    assertInstanceOf(
        Discard.class, router.onIssuerAnswer("ISS1", issuerAnswer(forward, "00"), T0 + 20));
    assertInstanceOf(
        Discard.class,
        router.onIssuerAnswer("ISS1", issuerAnswer(forward, "00").with(11, "777777"), T0 + 20));
    assertInstanceOf(
        Discard.class, router.onIssuerAnswer("ISS1", issuerAnswer(forward, "00").without(11), T0));
    assertInstanceOf(
        Discard.class, router.onIssuerAnswer("ISS1", forward.issuerRequest(), T0 + 20));
  }

  @Test
  void issuerAnswerWithoutResponseCodeGivesTheAcquirerRc91() {
    ForwardToIssuer forward = forward(request("0100", VISA, "000138"), T0);
    AnswerAcquirer answer =
        assertInstanceOf(
            AnswerAcquirer.class,
            router.onIssuerAnswer("ISS1", issuerAnswer(forward, "00").without(39), T0));
    assertEquals("91", answer.responseCode());
  }

  @Test
  void reversalByField90GoesToTheOriginalsIssuerEvenAfterTheBinMoved() {
    ForwardToIssuer original = forward(request("0100", VISA, "000139"), T0);
    router.onIssuerAnswer("ISS1", issuerAnswer(original, "00"), T0 + 50);
    bins.set(BinTable.of(Map.of("4", "ISS2")));

    IsoMessage reversal =
        request("0400", VISA, "000140").with(90, "0100000139061214300000000000000000000000000");
    ForwardToIssuer forward = forward(reversal, T0 + 1_000);
    assertEquals("ISS1", forward.issuerId());
    // The issuer knows the original by our STAN, not the acquirer's.
    assertEquals(
        "0100" + original.issuerRequest().field(11) + "0612143000" + "0".repeat(22),
        forward.issuerRequest().field(90));

    AnswerAcquirer answer =
        assertInstanceOf(
            AnswerAcquirer.class,
            router.onIssuerAnswer("ISS1", issuerAnswer(forward, "00"), T0 + 1_050));
    assertEquals("0410", answer.answer().mti());
    assertEquals("000140", answer.answer().field(11));
    assertEquals(reversal.field(90), answer.answer().field(90));
  }

  @Test
  void reversalBy11And37And41FindsAnOriginalStillInFlight() {
    ForwardToIssuer original = forward(request("0200", "5100000000000008", "000141"), T0);
    bins.set(BinTable.empty());

    ForwardToIssuer reversal = forward(request("0420", "5100000000000008", "000141"), T0 + 100);
    assertEquals("ISS2", reversal.issuerId());
    assertNotEquals(original.issuerRequest().field(11), reversal.issuerRequest().field(11));
    assertTrue(
        reversal.issuerRequest().field(90).startsWith("0200" + original.issuerRequest().field(11)));
    assertEquals(2, book.size());
  }

  @Test
  void reversalOfAnUnknownOriginalIsRoutedByItsCard() {
    ForwardToIssuer forward = forward(request("0400", "5100000000000008", "000142"), T0);
    assertEquals("ISS2", forward.issuerId());
    assertNull(forward.issuerRequest().field(90));
  }

  @Test
  void reversalOfAnUnknownOriginalWithUnknownBinIsAnsweredRc15() {
    AnswerAcquirer answer = answerNow(request("0400", "6011000000000004", "000143"));
    assertEquals("15", answer.responseCode());
    assertEquals("0410", answer.answer().mti());
  }

  @Test
  void reversalToAnIssuerNotSignedOnIsAnsweredRc91() {
    ForwardToIssuer original = forward(request("0100", VISA, "000144"), T0);
    router.onIssuerAnswer("ISS1", issuerAnswer(original, "00"), T0 + 50);
    signedOn.remove("ISS1");
    assertEquals("91", answerNow(request("0400", VISA, "000144")).responseCode());
  }

  @Test
  void lateApprovalOfAReversalIsNotReversedAgain() {
    ForwardToIssuer reversal = forward(request("0400", VISA, "000145"), T0);
    router.onDeadline(T0 + 5_000);
    assertInstanceOf(
        Discard.class, router.onIssuerAnswer("ISS1", issuerAnswer(reversal, "00"), T0 + 6_000));
  }

  @Test
  void failedSendIsAnsweredRc91OnceAndALateApprovalStillReversed() {
    ForwardToIssuer forward = forward(request("0100", VISA, "000146"), T0);

    Optional<AnswerAcquirer> answer = router.onSendFailed(forward, T0 + 1);
    assertEquals("91", answer.orElseThrow().responseCode());
    assertEquals(Optional.empty(), router.onSendFailed(forward, T0 + 2));
    assertEquals(List.of(), router.onDeadline(T0 + 5_000));
    assertInstanceOf(
        AdviseIssuer.class, router.onIssuerAnswer("ISS1", issuerAnswer(forward, "00"), T0 + 6_000));
  }

  @Test
  void issuerStansStayUniqueAmongRequestsInFlight() {
    Set<String> stans = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      ForwardToIssuer forward = forward(request("0100", VISA, String.format("%06d", i)), T0);
      assertTrue(stans.add(forward.issuerRequest().field(11)));
    }
  }
}
