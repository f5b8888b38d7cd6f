package dev.baton.sessions;

import dev.baton.connector.api.BankSessionSettings;
import java.util.Locale;

/**
 * One row of {@code bank_session} with its bank's role, as the adapter needs it.
 *
 * @param sessionId the session
 * @param bankId its bank
 * @param bankRole ACQUIRER, ISSUER or BOTH
 * @param mode LISTEN or DIAL
 * @param host address to listen on or to dial
 * @param port port to listen on or to dial
 * @param allowedSources CIDR blocks separated by commas
 * @param framing BINARY2, BINARY2_TPDU, ASCII4 or ASCII4_TPDU
 * @param packager ISO87B, ISO87A or ISO93B
 * @param echoIntervalMillis how often the adapter sends an echo test, 0 for never
 * @param idleTimeoutMillis how long a silent connection may stay, 0 for ever
 * @param readTimeoutMillis how long a started frame may take to complete
 * @param maxFrameBytes largest frame accepted
 * @param badFramesToClose consecutive bad frames that close the session
 * @param enabled whether the session should run
 */
public record SessionRow(
    String sessionId,
    String bankId,
    String bankRole,
    String mode,
    String host,
    int port,
    String allowedSources,
    String framing,
    String packager,
    int echoIntervalMillis,
    int idleTimeoutMillis,
    int readTimeoutMillis,
    int maxFrameBytes,
    int badFramesToClose,
    boolean enabled) {

  /** What the adapter is told about this session. */
  public BankSessionSettings settings() {
    return BankSessionSettings.of(bankId, sessionId, mode, host, port)
        .with("role", bankRole)
        .with("allowedSources", allowedSources)
        .with("framing", framing.toLowerCase(Locale.ROOT).replace('_', '-'))
        .with("packager", packager)
        .with("echoIntervalMillis", Integer.toString(echoIntervalMillis))
        .with("idleTimeoutMillis", Integer.toString(idleTimeoutMillis))
        .with("readTimeoutMillis", Integer.toString(readTimeoutMillis))
        .with("maxFrameBytes", Integer.toString(maxFrameBytes))
        .with("maxConsecutiveBadFrames", Integer.toString(badFramesToClose));
  }
}
