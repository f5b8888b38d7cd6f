package dev.baton.node;

import dev.baton.connector.api.IsoMessage;
import dev.baton.processing.inflight.IssuerKey;
import dev.baton.processing.inflight.LengthPrefixed;
import dev.baton.processing.inflight.RecordLog;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Approvals a node sent towards acquirers, by the edge's correlation, until the edge could no
 * longer refuse one as too late: a refusal needs the approval's issuer key, MTI and approval code
 * for the 0420 that reverses it. A node sends thousands a second and keeps each for seconds; as
 * objects (a dozen per approval) they outlived the collector's young cycles and were copied at
 * each. Here each is a record of a {@link RecordLog}: bytes in chunks, which the collector does
 * not look into. Thread-safe.
 */
final class SentApprovals {

  /** What a 0420 needs of an approval. */
  record Approval(IssuerKey key, String mti, String approvalCode) {

    /** The issuer's answer as far as a reversal reads it: MTI, 39 and, when given, 38. */
    IsoMessage issuerAnswer() {
      IsoMessage answer = IsoMessage.of(mti).with(39, "00");
      return approvalCode == null ? answer : answer.with(38, approvalCode);
    }
  }

  private final RecordLog log = new RecordLog(1);

  /** Keeps {@code approval}, sent under {@code correlation}, until {@code forgetAt}. */
  synchronized void add(long correlation, Approval approval, long forgetAt, long now) {
    log.expire(now);
    String text = LengthPrefixed.join(Arrays.asList(approval.key().issuerId(), approval.key().stan(),
        approval.key().rrn(), approval.key().terminalId(), approval.mti(), approval.approvalCode()));
    log.append(forgetAt, new String[] {Long.toString(correlation)}, text.getBytes(StandardCharsets.UTF_8), (byte) 0);
  }

  /** The approval sent under {@code correlation}, once, unless it was forgotten by {@code now}. */
  synchronized Optional<Approval> take(long correlation, long now) {
    List<Long> found = log.find(0, Long.toString(correlation), now);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    List<String> parts = LengthPrefixed.split(new String(log.payload(found.getLast()), StandardCharsets.UTF_8));
    found.forEach(log::remove);
    return Optional.of(new Approval(new IssuerKey(parts.get(0), parts.get(1), parts.get(2), parts.get(3)),
        parts.get(4), parts.get(5)));
  }

  /** Lets go of what is past its time. */
  synchronized void forgetDue(long now) {
    log.expire(now);
  }

  /** Approvals kept and not taken (some past their time until their chunk goes). */
  synchronized int size() {
    return log.size();
  }
}
