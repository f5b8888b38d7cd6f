package dev.baton.operations;

import jakarta.ejb.ApplicationException;

/** The bank, session, BIN range or rule asked for is not configured; nothing was changed. */
@ApplicationException(rollback = true)
public class UnknownItem extends Exception {

  public UnknownItem(String message) {
    super(message);
  }
}
