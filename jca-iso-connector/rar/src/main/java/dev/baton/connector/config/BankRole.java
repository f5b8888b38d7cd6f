package dev.baton.connector.config;

/** What a bank does on a session: sends cardholders' requests, answers them, or both. */
public enum BankRole {
  ACQUIRER,
  ISSUER,
  BOTH
}
