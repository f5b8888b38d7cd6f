package dev.baton.edge;

import dev.baton.connector.api.IsoMessage;

/** Bank sessions that take whatever the edge writes to them, on the session it names. */
public final class AcceptingBankDoor implements BankDoor {

  @Override
  public String sendPacked(String bankId, String sessionId, byte[] packed) {
    return sessionId;
  }

  @Override
  public String send(String bankId, String sessionId, IsoMessage message) {
    return sessionId;
  }
}
