package dev.baton.connector.api;

import java.util.List;

/**
 * An application's handle on the adapter's bank sessions: send to a bank, see its sessions, and
 * tell the adapter which sessions to run. Not for sharing between threads; get one per use from
 * the {@link BankConnectionFactory} and close it.
 */
public interface BankConnection extends AutoCloseable {

  /**
   * Packs a message with the session's packager and writes it on the session's connection, framed
   * as the session says.
   *
   * @param bankId the bank
   * @param sessionId the session to write on, or null for any signed-on session of the bank
   * @param message the message; binary fields as hex
   * @return the id of the session it was written on
   * @throws BankConnectorException when the bank has no such session, the session is not signed
   *     on (network management MTIs 08xx need only a connection), the message does not pack, or
   *     the write fails
   */
  String send(String bankId, String sessionId, IsoMessage message) throws BankConnectorException;

  /**
   * Writes a message that was packed elsewhere (by a processing node, with the session's
   * packager) on the session's connection: the length prefix, the session's header if its framing
   * has one, then the bytes as given. Nothing is unpacked or re-packed here.
   *
   * @param bankId the bank
   * @param sessionId the session to write on, or null for any signed-on session of the bank, taken
   *     in turn so that traffic spreads over them
   * @param packed the packed message, without length prefix or header
   * @return the id of the session it was written on
   * @throws BankConnectorException when the bank has no such session, the session is not signed
   *     on, or the write fails
   */
  String sendPacked(String bankId, String sessionId, byte[] packed) throws BankConnectorException;

  /**
   * Holds back the sending of the messages this thread writes next with {@link #sendPacked}, on
   * any session and through any handle, until {@link #flushWrites} on the same thread: a thread
   * about to write several messages in a row (a burst of a node's answers) then sends each
   * connection's share in one segment and wakes each bank's reader once, not once per message. A
   * write by another thread to the same connection sends what is held along with its own. Hold
   * only around a short, bounded run of writes, and always flush after it.
   */
  void holdWrites();

  /**
   * Sends what this thread's writes left in their connections' buffers since {@link #holdWrites}
   * and ends the hold; nothing when the thread holds none. A connection that fails here is logged
   * (its reader sees it closed next); the messages it held are not sent.
   */
  void flushWrites();

  /**
   * The bank's configured sessions as they are now, connected or not.
   *
   * @param bankId the bank
   * @return one entry per configured session, empty when the bank has none
   */
  List<SessionInfo> sessionsOf(String bankId) throws BankConnectorException;

  /**
   * Adds a session, or replaces the session with the same id when its settings changed: the old
   * connection is closed and the new endpoint opened (on the new port). Settings equal to the
   * running ones change nothing, so an application may pass all its sessions again when it
   * starts without breaking a connection.
   *
   * @throws BankConnectorException when the settings are invalid or the endpoint does not open
   *     (e.g. the port is taken); the previous session, if any, is gone by then
   */
  void configure(BankSessionSettings settings) throws BankConnectorException;

  /**
   * Stops a session and closes its connection. Unknown ids are ignored.
   *
   * @param sessionId the session
   * @return whether there was such a session
   */
  boolean remove(String sessionId) throws BankConnectorException;

  /** Gives the handle back; the bank sessions stay up. */
  @Override
  void close();
}
