/**
 * Operations: what the console and the management API do on behalf of a signed-in person, as EJB
 * services both call, and the refusals they share ({@link dev.baton.operations.UnknownItem}, {@link
 * dev.baton.operations.InvalidConfiguration}). Sub-packages: {@code status} (banks and nodes as they
 * stand), {@code sessions} (enable, disable, disconnect), {@code configuration} (banks, sessions,
 * BIN ranges, field corrections), {@code audit} (the audit log and the move history). Callers
 * check roles before calling; every change is audited here.
 */
package dev.baton.operations;
