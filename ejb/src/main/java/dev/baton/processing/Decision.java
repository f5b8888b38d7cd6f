package dev.baton.processing;

import dev.baton.connector.api.IsoMessage;
import dev.baton.processing.inflight.InFlightAuthorization;
import java.util.Objects;

/** What the node does with a message, as {@link AuthorizationRouter} decides it. */
public sealed interface Decision {

  /**
   * Send {@code issuerRequest} to {@code issuerId} on any of its signed-on sessions. The context is
   * in the in-flight book already, so an answer that comes back at once finds it.
   */
  record ForwardToIssuer(String issuerId, IsoMessage issuerRequest, InFlightAuthorization context)
      implements Decision {
    public ForwardToIssuer {
      Objects.requireNonNull(issuerId, "issuer");
      Objects.requireNonNull(issuerRequest, "issuer request");
      Objects.requireNonNull(context, "in-flight context");
    }
  }

  /**
   * Send {@code answer} to the acquirer on the session its request came in on; {@code
   * correlation} is the edge's id of that request (0 when unknown).
   */
  record AnswerAcquirer(String acquirerId, String sessionId, IsoMessage answer, long correlation)
      implements Decision {
    public AnswerAcquirer {
      Objects.requireNonNull(acquirerId, "acquirer");
      Objects.requireNonNull(sessionId, "acquirer session");
      Objects.requireNonNull(answer, "answer");
    }

    /** An answer without an edge correlation. */
    public AnswerAcquirer(String acquirerId, String sessionId, IsoMessage answer) {
      this(acquirerId, sessionId, answer, 0);
    }

    /** Field 39 of the answer. */
    public String responseCode() {
      return answer.field(39);
    }
  }

  /**
   * Send {@code advice} (a 0420 reversal advice) to {@code issuerId}. No acquirer waits for it; the
   * issuer's 0430 is discarded when it comes.
   */
  record AdviseIssuer(String issuerId, IsoMessage advice) implements Decision {
    public AdviseIssuer {
      Objects.requireNonNull(issuerId, "issuer");
      Objects.requireNonNull(advice, "advice");
    }
  }

  /** Nothing to send; {@code reason} is for the log line. */
  record Discard(String reason) implements Decision {
    public Discard {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
