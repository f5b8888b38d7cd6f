/**
 * Who opens a bank's TCP connection: a listening endpoint accepts on the session's port (only
 * from the allowed source addresses, newest connection wins), a dialling endpoint connects to the
 * bank and dials again with backoff. Each connection becomes a {@code BankSession} on its own
 * jPOS channel. Depends on the config, framing and session packages.
 */
package dev.baton.connector.transport;
