package dev.baton.node;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which banks' sessions are signed on at the edge, as the edge reports them over the node link
 * ({@code SESSION} control frames). A bank is reachable while any of its sessions is signed on.
 */
public final class SignedOnSessions {

  private final Map<String, Set<String>> signedOnByBank = new ConcurrentHashMap<>();

  /** A session changed state at the edge. */
  public void update(String bankId, String sessionId, String state) {
    Set<String> sessions = signedOnByBank.computeIfAbsent(bankId, bank -> ConcurrentHashMap.newKeySet());
    if ("SIGNED_ON".equals(state)) {
      sessions.add(sessionId);
    } else {
      sessions.remove(sessionId);
    }
  }

  /** Forgets everything: the edge is about to send its snapshot again. */
  public void clear() {
    signedOnByBank.clear();
  }

  /** Whether {@code bankId} has a signed-on session. */
  public boolean signedOn(String bankId) {
    Set<String> sessions = signedOnByBank.get(bankId);
    return sessions != null && !sessions.isEmpty();
  }

  /** How many sessions of {@code bankId} are signed on. */
  public int count(String bankId) {
    Set<String> sessions = signedOnByBank.get(bankId);
    return sessions == null ? 0 : sessions.size();
  }
}
