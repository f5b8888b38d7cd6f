package dev.baton.processing.inflight;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** The issuer STAN sequences of one node, one per issuer bank, created on first use. */
public final class IssuerStans {

  private final Function<String, IssuerStan> factory;
  private final Map<String, IssuerStan> byIssuer = new ConcurrentHashMap<>();

  /** Sequences over the full range 000001..999999. */
  public IssuerStans() {
    this(IssuerStan::new);
  }

  /** Sequences made by {@code factory}, e.g. over the half of the range this node owns. */
  public IssuerStans(Function<String, IssuerStan> factory) {
    this.factory = factory;
  }

  /** The sequence towards {@code issuerId}. */
  public IssuerStan forIssuer(String issuerId) {
    return byIssuer.computeIfAbsent(issuerId, factory);
  }

  /** The next value towards {@code issuerId}, for a switchover. */
  public int exportNext(String issuerId) {
    return forIssuer(issuerId).exportNext();
  }

  /** Continues the sequence towards {@code issuerId} where another node left it. */
  public void importNext(String issuerId, int next) {
    forIssuer(issuerId).importNext(next);
  }
}
