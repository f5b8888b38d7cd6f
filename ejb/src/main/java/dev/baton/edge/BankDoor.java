package dev.baton.edge;

import dev.baton.connector.api.BankConnectorException;
import dev.baton.connector.api.IsoMessage;

/** The edge's way to the banks' sessions (the resource adapter's connections in the server). */
public interface BankDoor {

  /** Writes a message a node packed; null session = any signed-on session of the bank. */
  String sendPacked(String bankId, String sessionId, byte[] packed) throws BankConnectorException;

  /** Packs and writes a message the edge made itself (its own declines). */
  String send(String bankId, String sessionId, IsoMessage message) throws BankConnectorException;

  /** The next writes on this thread may wait for {@link #flushWrites}, to leave together. */
  default void holdWrites() {}

  /** Sends the writes held on this thread since {@link #holdWrites}. */
  default void flushWrites() {}
}
