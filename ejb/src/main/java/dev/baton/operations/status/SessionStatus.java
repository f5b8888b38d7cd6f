package dev.baton.operations.status;

import java.time.Instant;

/**
 * One bank session as the console shows it.
 *
 * @param id the session
 * @param transportState {@code DISCONNECTED} or {@code CONNECTED}: whether a TCP connection is open
 * @param signOnState {@code SIGNED_OFF} or {@code SIGNED_ON}: whether the bank signed on over it
 * @param remoteAddress the peer while connected, otherwise null
 * @param connectedSince when the connection came up, otherwise null
 * @param enabled whether the configuration lets the session run
 * @param lastEcho when the bank last answered an echo test, or null
 * @param echoOverdue whether the bank left several echo tests in a row unanswered
 * @param framesIn frames the bank sent since the adapter started the session
 * @param errors bad frames, read timeouts, refused connections and undelivered messages
 */
public record SessionStatus(
    String id,
    String transportState,
    String signOnState,
    String remoteAddress,
    Instant connectedSince,
    boolean enabled,
    Instant lastEcho,
    boolean echoOverdue,
    long framesIn,
    long errors) {

  /** Splits the adapter's one state into the transport and the sign-on state. */
  static String[] split(String adapterState) {
    String transport = adapterState == null || "DISCONNECTED".equals(adapterState) ? "DISCONNECTED" : "CONNECTED";
    String signOn = "SIGNED_ON".equals(adapterState) ? "SIGNED_ON" : "SIGNED_OFF";
    return new String[] {transport, signOn};
  }

  public boolean connected() {
    return "CONNECTED".equals(transportState);
  }

  public boolean signedOn() {
    return "SIGNED_ON".equals(signOnState);
  }
}
