package dev.baton.connector.config;

import dev.baton.connector.framing.FrameRules;
import dev.baton.connector.framing.Framing;
import java.time.Duration;
import java.util.Objects;

/**
 * One bank session as configured.
 *
 * @param bankId the bank, e.g. {@code ACQ1}
 * @param sessionId the session, unique across banks, e.g. {@code ACQ1-1}
 * @param role what the bank does on this session
 * @param mode whether the adapter listens or dials
 * @param host the address to listen on, or the bank's host to dial
 * @param port the port to listen on (0 picks a free one), or the bank's port
 * @param allowedSources who may connect to a listening session
 * @param framing the length prefix and header
 * @param packager the packager setting, see {@code Packagers}
 * @param frameRules frame size and timeouts
 * @param errorPolicy what bad frames do to the connection
 * @param echoInterval how long the bank may be silent before the adapter sends it an echo test;
 *     zero sends none
 * @param echoMissLimit echo tests in a row the bank may leave unanswered before the session is
 *     marked overdue (marked and logged, never disconnected for it)
 * @param reconnectMin the first wait before dialling again (dial mode)
 * @param reconnectMax the longest wait between dials (dial mode)
 */
public record BankSessionConfig(
    String bankId,
    String sessionId,
    BankRole role,
    SessionMode mode,
    String host,
    int port,
    AllowedSources allowedSources,
    Framing framing,
    String packager,
    FrameRules frameRules,
    ErrorPolicy errorPolicy,
    Duration echoInterval,
    int echoMissLimit,
    Duration reconnectMin,
    Duration reconnectMax) {

  /** Echo tests in a row a bank may miss before it is marked, unless configured otherwise. */
  public static final int DEFAULT_ECHO_MISS_LIMIT = 3;

  public BankSessionConfig {
    requireText(bankId, "bankId");
    requireText(sessionId, "sessionId");
    requireText(host, "host");
    requireText(packager, "packager");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(allowedSources, "allowedSources");
    Objects.requireNonNull(framing, "framing");
    Objects.requireNonNull(frameRules, "frameRules");
    Objects.requireNonNull(errorPolicy, "errorPolicy");
    Objects.requireNonNull(echoInterval, "echoInterval");
    Objects.requireNonNull(reconnectMin, "reconnectMin");
    Objects.requireNonNull(reconnectMax, "reconnectMax");
    if (port < 0 || port > 65535 || (mode == SessionMode.DIAL && port == 0)) {
      throw new IllegalArgumentException("port out of range for " + mode + ": " + port);
    }
    if (echoInterval.isNegative() || echoMissLimit < 1) {
      throw new IllegalArgumentException("echo interval must be >= 0 and echo miss limit >= 1");
    }
    if (reconnectMin.isNegative() || reconnectMax.compareTo(reconnectMin) < 0) {
      throw new IllegalArgumentException("reconnect waits must satisfy 0 <= min <= max");
    }
  }

  /**
   * A session with the demo banks' settings (binary2 framing, ISO87B, default rules, no echo
   * (overdue after 3 misses once an interval is set),
   * reconnect after 1 s to 30 s), for the given bank, mode and address.
   */
  public static BankSessionConfig of(
      String bankId, String sessionId, SessionMode mode, String host, int port) {
    return new BankSessionConfig(bankId, sessionId, BankRole.BOTH, mode, host, port,
        AllowedSources.any(), Framing.BINARY2, "ISO87B", FrameRules.defaults(),
        ErrorPolicy.defaults(), Duration.ZERO, DEFAULT_ECHO_MISS_LIMIT, Duration.ofSeconds(1),
        Duration.ofSeconds(30));
  }

  /** The same session with other allowed sources. */
  public BankSessionConfig withAllowedSources(AllowedSources sources) {
    return new BankSessionConfig(bankId, sessionId, role, mode, host, port, sources, framing,
        packager, frameRules, errorPolicy, echoInterval, echoMissLimit, reconnectMin,
        reconnectMax);
  }

  /** The same session with other frame rules. */
  public BankSessionConfig withFrameRules(FrameRules rules) {
    return new BankSessionConfig(bankId, sessionId, role, mode, host, port, allowedSources,
        framing, packager, rules, errorPolicy, echoInterval, echoMissLimit, reconnectMin,
        reconnectMax);
  }

  /** The same session with another error policy. */
  public BankSessionConfig withErrorPolicy(ErrorPolicy policy) {
    return new BankSessionConfig(bankId, sessionId, role, mode, host, port, allowedSources,
        framing, packager, frameRules, policy, echoInterval, echoMissLimit, reconnectMin,
        reconnectMax);
  }

  /** The same session with another echo interval and miss limit. */
  public BankSessionConfig withEcho(Duration interval, int missLimit) {
    return new BankSessionConfig(bankId, sessionId, role, mode, host, port, allowedSources,
        framing, packager, frameRules, errorPolicy, interval, missLimit, reconnectMin,
        reconnectMax);
  }

  /** The same session with other reconnect waits. */
  public BankSessionConfig withReconnect(Duration min, Duration max) {
    return new BankSessionConfig(bankId, sessionId, role, mode, host, port, allowedSources,
        framing, packager, frameRules, errorPolicy, echoInterval, echoMissLimit, min, max);
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
  }
}
