package dev.baton.operations.configuration;

/**
 * A bank session as configured (table {@code bank_session}).
 *
 * @param id the session, unique across banks
 * @param bankId its bank
 * @param mode LISTEN (the bank connects) or DIAL (the switch connects)
 * @param host the address to listen on, or the bank's host
 * @param port the port to listen on, or the bank's port
 * @param allowedSources CIDR blocks, comma separated, that may connect
 * @param framing BINARY2, BINARY2_TPDU, ASCII4 or ASCII4_TPDU
 * @param packager ISO87B, ISO87A or ISO93B
 * @param echoIntervalMs echo test interval, 0 for none
 * @param idleTimeoutMs how long a silent connection may stay, 0 for ever
 * @param readTimeoutMs how long a started frame may take
 * @param maxFrameSize the largest frame accepted, in bytes
 * @param badFramesToClose bad frames in a row that close the connection
 * @param enabled whether it runs
 */
public record SessionSettings(
    String id,
    String bankId,
    String mode,
    String host,
    int port,
    String allowedSources,
    String framing,
    String packager,
    int echoIntervalMs,
    int idleTimeoutMs,
    int readTimeoutMs,
    int maxFrameSize,
    int badFramesToClose,
    boolean enabled) {

  /** A new listening session with the table's defaults. */
  public static SessionSettings listening(String id, String bankId, String host, int port) {
    return new SessionSettings(
        id, bankId, "LISTEN", host, port, "127.0.0.1/32", "BINARY2", "ISO87B", 30_000, 300_000, 10_000, 8192, 5, true);
  }
}
