package dev.baton.connector.api;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the application tells the adapter about one bank session, as stored in the configuration
 * database. Options left out take the adapter's defaults (see the connector's README).
 *
 * <p>Options, all as text:
 *
 * <ul>
 *   <li>{@code role}: {@code ACQUIRER}, {@code ISSUER} or {@code BOTH} (default)
 *   <li>{@code allowedSources}: CIDR blocks separated by commas (default any address)
 *   <li>{@code framing}: {@code binary2} (default), {@code binary2-tpdu}, {@code ascii4}, {@code
 *       ascii4-tpdu}
 *   <li>{@code packager}: {@code ISO87B} (default), {@code ISO87A}, {@code ISO93B}, {@code
 *       generic:<xml location>}
 *   <li>{@code maxFrameBytes} (default 8192), {@code readTimeoutMillis} (5000), {@code
 *       idleTimeoutMillis} (0, none), {@code oversizedFrames} ({@code CLOSE} or {@code SKIP}),
 *       {@code tpduHex} ({@code 6000000000}), {@code writeTimeoutMillis} (2000: a write the bank
 *       does not read for that long ends the connection; 0 waits forever)
 *   <li>{@code maxConsecutiveBadFrames} (default 5)
 *   <li>{@code echoIntervalMillis} (0, none), {@code echoMissLimit} (3: echo tests in a row
 *       left unanswered before the session is marked overdue)
 *   <li>{@code reconnectMinMillis} (1000), {@code reconnectMaxMillis} (30000)
 * </ul>
 *
 * @param bankId the bank, e.g. {@code ACQ1}
 * @param sessionId the session, unique across banks, e.g. {@code ACQ1-1}
 * @param mode {@code LISTEN} (the bank connects) or {@code DIAL} (the adapter connects)
 * @param host the address to listen on, or the bank's host to dial
 * @param port the port to listen on, or the bank's port
 * @param options the optional settings above by name
 */
public record BankSessionSettings(
    String bankId, String sessionId, String mode, String host, int port,
    Map<String, String> options) {

  public BankSessionSettings {
    Objects.requireNonNull(bankId, "bankId");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(host, "host");
    options = Map.copyOf(options);
  }

  /** A session with every option at its default. */
  public static BankSessionSettings of(
      String bankId, String sessionId, String mode, String host, int port) {
    return new BankSessionSettings(bankId, sessionId, mode, host, port, Map.of());
  }

  /** The same settings with one option set. */
  public BankSessionSettings with(String option, String value) {
    Map<String, String> copy = new HashMap<>(options);
    copy.put(option, value);
    return new BankSessionSettings(bankId, sessionId, mode, host, port, copy);
  }
}
