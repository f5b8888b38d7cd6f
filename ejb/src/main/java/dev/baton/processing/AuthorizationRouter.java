package dev.baton.processing;

import dev.baton.connector.api.IsoMessage;
import dev.baton.processing.Decision.AdviseIssuer;
import dev.baton.processing.Decision.AnswerAcquirer;
import dev.baton.processing.Decision.Discard;
import dev.baton.processing.Decision.ForwardToIssuer;
import dev.baton.processing.bin.BinTable;
import dev.baton.processing.inflight.FinishedAuthorizations;
import dev.baton.processing.inflight.FinishedAuthorizations.Ending;
import dev.baton.processing.inflight.InFlightAuthorization;
import dev.baton.processing.inflight.InFlightBook;
import dev.baton.processing.inflight.IssuerKey;
import dev.baton.processing.inflight.IssuerStans;
import dev.baton.processing.inflight.OriginalReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Decides what the node does with each message of an authorization: acquirer requests (0100, 0200)
 * and reversals (0400, 0420), issuer answers, and deadlines passing. It keeps the in-flight book,
 * the finished contexts and the issuer STANs up to date and returns what to send; sending, sessions
 * and clocks are the caller's. Thread-safe as long as its collaborators are (the ones in this
 * module are).
 *
 * <p>Each acquirer request gets exactly one decision that answers it, now or later: an answer now,
 * or a forward whose context then leaves the book exactly once, by an issuer answer ({@link
 * #onIssuerAnswer}), by its deadline ({@link #onDeadline}) or by a failed send ({@link
 * #onSendFailed}).
 */
public final class AuthorizationRouter {

  private static final Set<String> PROCESSED = Set.of("0100", "0200", "0400", "0420");
  private static final List<Integer> MANDATORY = List.of(2, 3, 4, 11, 41);

  private final Supplier<BinTable> bins;
  private final Predicate<String> issuerSignedOn;
  private final DuplicateDetector duplicates;
  private final InFlightBook book;
  private final FinishedAuthorizations finished;
  private final IssuerStans stans;
  private final long issuerTimeoutMillis;

  /**
   * @param bins the current BIN table; asked on every request, so a new table takes effect at once
   * @param issuerSignedOn whether an issuer bank has a signed-on session now
   * @param duplicates the node's duplicate detector
   * @param book the node's in-flight book
   * @param finished the node's recently finished contexts
   * @param stans the node's issuer STAN sequences
   * @param issuerTimeout how long an issuer has to answer
   */
  public AuthorizationRouter(
      Supplier<BinTable> bins,
      Predicate<String> issuerSignedOn,
      DuplicateDetector duplicates,
      InFlightBook book,
      FinishedAuthorizations finished,
      IssuerStans stans,
      Duration issuerTimeout) {
    this.bins = Objects.requireNonNull(bins, "BIN table");
    this.issuerSignedOn = Objects.requireNonNull(issuerSignedOn, "issuer sign-on state");
    this.duplicates = Objects.requireNonNull(duplicates, "duplicate detector");
    this.book = Objects.requireNonNull(book, "in-flight book");
    this.finished = Objects.requireNonNull(finished, "finished authorizations");
    this.stans = Objects.requireNonNull(stans, "issuer STANs");
    if (issuerTimeout == null || issuerTimeout.isNegative() || issuerTimeout.isZero()) {
      throw new IllegalArgumentException("an issuer timeout is positive, not " + issuerTimeout);
    }
    this.issuerTimeoutMillis = issuerTimeout.toMillis();
  }

  /**
   * A request from an acquirer bank, after inbound field corrections: a forward to the issuer, or
   * the switch's own answer (RC 30, 94, 15 or 91), or a discard when it is not a request at all.
   */
  public Decision onAcquirerRequest(
      String acquirerId, String sessionId, IsoMessage request, long nowMillis) {
    return onAcquirerRequest(acquirerId, sessionId, request, nowMillis, 0);
  }

  /**
   * The same, for a request the edge knows as {@code correlation}: every answer to it, now or
   * later, carries that correlation back.
   */
  public Decision onAcquirerRequest(
      String acquirerId, String sessionId, IsoMessage request, long nowMillis, long correlation) {
    if (!request.isRequest()) {
      return new Discard(acquirerId + " sent " + request.mti() + ", which is not a request");
    }
    if (!PROCESSED.contains(request.mti()) || missesMandatoryField(request)) {
      return answerNow(acquirerId, sessionId, correlation, request, ResponseCode.FORMAT_ERROR);
    }
    if (duplicates.isDuplicate(acquirerId, request, nowMillis)) {
      return answerNow(acquirerId, sessionId, correlation, request, ResponseCode.DUPLICATE_TRANSMISSION);
    }
    Optional<InFlightAuthorization> original =
        request.mti().startsWith("04")
            ? findOriginal(acquirerId, request, nowMillis)
            : Optional.empty();
    // A reversal goes where its original went even if the BIN table changed since; one whose
    // original is unknown here is still the issuer's to judge, so it is routed by its card.
    Optional<String> issuer =
        original
            .map(InFlightAuthorization::issuerId)
            .or(() -> bins.get().issuerFor(request.field(2)));
    if (issuer.isEmpty()) {
      return answerNow(acquirerId, sessionId, correlation, request, ResponseCode.NO_SUCH_ISSUER);
    }
    String issuerId = issuer.get();
    if (!issuerSignedOn.test(issuerId)) {
      return answerNow(acquirerId, sessionId, correlation, request, ResponseCode.ISSUER_UNAVAILABLE);
    }
    try {
      String stan = allocateStan(issuerId);
      IsoMessage issuerRequest = AuthorizationMessages.issuerRequest(request, stan, original);
      InFlightAuthorization context =
          new InFlightAuthorization(
              acquirerId,
              sessionId,
              request,
              IssuerKey.of(issuerId, issuerRequest),
              nowMillis + issuerTimeoutMillis,
              nowMillis,
              correlation);
      book.add(context);
      return new ForwardToIssuer(issuerId, issuerRequest, context);
    } catch (IllegalStateException noFreeStan) {
      // A million requests in flight to one issuer: it is not answering, decline rather than wait.
      return answerNow(acquirerId, sessionId, correlation, request, ResponseCode.ISSUER_UNAVAILABLE);
    }
  }

  /**
   * An answer from an issuer bank: the acquirer's answer when its request is in flight; a 0420
   * reversal advice to the issuer when it approves a request that already timed out; otherwise a
   * discard (a late decline, a repeated answer, an answer to our advice, or one nobody asked for).
   */
  public Decision onIssuerAnswer(String issuerId, IsoMessage answer, long nowMillis) {
    if (answer.isRequest()) {
      return new Discard(issuerId + " sent " + answer.mti() + " where an answer was expected");
    }
    if (answer.field(11) == null) {
      return new Discard(issuerId + " answered " + answer.mti() + " without field 11");
    }
    IssuerKey key = IssuerKey.of(issuerId, answer);
    Optional<InFlightAuthorization> inFlight = book.match(key);
    if (inFlight.isPresent()) {
      InFlightAuthorization context = inFlight.get();
      finished.remember(context, Ending.ANSWERED, nowMillis);
      return new AnswerAcquirer(
          context.acquirerId(),
          context.acquirerSessionId(),
          AuthorizationMessages.acquirerAnswer(context, answer),
          context.correlation());
    }
    Optional<InFlightAuthorization> timedOut = finished.takeTimedOut(key, nowMillis);
    if (timedOut.isEmpty()) {
      return new Discard("no request in flight or timed out for " + key);
    }
    InFlightAuthorization late = timedOut.get();
    if (late.isReversal() || !ResponseCode.isApproval(answer.field(39))) {
      return new Discard("late answer " + answer.field(39) + " for " + key + " needs no reversal");
    }
    // The advice is not tracked in the book: no acquirer waits for it, and a timeout of it must
    // not produce an RC 91 for anybody. Its STAN is still kept clear of requests in flight.
    String adviceStan = allocateStan(issuerId);
    return new AdviseIssuer(
        issuerId, AuthorizationMessages.lateReversalAdvice(late, answer, adviceStan));
  }

  /**
   * The edge refused the acquirer's answer built from {@code issuerAnswer}: it had declined the
   * request RC 91 at its own deadline already. An approval is then undone towards the issuer with
   * a 0420, as a late approval is; anything else needs nothing.
   *
   * @param key the issuer-side key of the request the issuer answered
   */
  public Optional<AdviseIssuer> onAnswerRefused(IssuerKey key, IsoMessage issuerAnswer, long nowMillis) {
    if (!ResponseCode.isApproval(issuerAnswer.field(39))) {
      return Optional.empty();
    }
    return finished.takeAnswered(key, nowMillis)
        .filter(answered -> !answered.isReversal())
        .map(answered -> new AdviseIssuer(answered.issuerId(),
            AuthorizationMessages.lateReversalAdvice(answered, issuerAnswer, allocateStan(answered.issuerId()))));
  }

  /** The acquirers' RC 91 answers for every request whose deadline has passed, earliest first. */
  public List<AnswerAcquirer> onDeadline(long nowMillis) {
    List<AnswerAcquirer> answers = new ArrayList<>();
    for (InFlightAuthorization context : book.expire(nowMillis)) {
      finished.remember(context, Ending.TIMED_OUT, nowMillis);
      answers.add(timeoutAnswer(context));
    }
    return answers;
  }

  /**
   * The acquirer's RC 91 when the issuer request of {@code forward} could not be sent (no session
   * took it); empty when its context has left the book already.
   */
  public Optional<AnswerAcquirer> onSendFailed(ForwardToIssuer forward, long nowMillis) {
    return onIssuerSendFailed(forward.context().issuerKey(), nowMillis);
  }

  /**
   * The same for the issuer request known by {@code key}, when the failure is reported later
   * (by the edge, which could not write it on any of the issuer's sessions).
   */
  public Optional<AnswerAcquirer> onIssuerSendFailed(IssuerKey key, long nowMillis) {
    return book.remove(key)
        .map(
            context -> {
              // Kept as timed out: if the issuer got it after all and approves, it is reversed.
              finished.remember(context, Ending.TIMED_OUT, nowMillis);
              return timeoutAnswer(context);
            });
  }

  private Optional<InFlightAuthorization> findOriginal(
      String acquirerId, IsoMessage reversal, long nowMillis) {
    return OriginalReference.of(reversal)
        .flatMap(
            reference ->
                book.findOriginal(acquirerId, reference)
                    .or(() -> finished.findOriginal(acquirerId, reference, nowMillis)));
  }

  private String allocateStan(String issuerId) {
    return stans.forIssuer(issuerId).allocate(stan -> book.holdsIssuerStan(issuerId, stan));
  }

  private static boolean missesMandatoryField(IsoMessage request) {
    for (int field : MANDATORY) {
      String value = request.field(field);
      if (value == null || value.isBlank()) {
        return true;
      }
    }
    return false;
  }

  private static AnswerAcquirer answerNow(
      String acquirerId, String sessionId, long correlation, IsoMessage request, ResponseCode code) {
    return new AnswerAcquirer(
        acquirerId, sessionId, AuthorizationMessages.decline(request, code), correlation);
  }

  private static AnswerAcquirer timeoutAnswer(InFlightAuthorization context) {
    return answerNow(
        context.acquirerId(),
        context.acquirerSessionId(),
        context.correlation(),
        context.request(),
        ResponseCode.ISSUER_UNAVAILABLE);
  }
}
