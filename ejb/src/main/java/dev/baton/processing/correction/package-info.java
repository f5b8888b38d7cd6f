/**
 * Per-bank field corrections: rules an administrator defines to fix a bank's bad fields on our side
 * (set, copy, strip, pad), per direction, applied on the node in their order. Pure functions on
 * {@code IsoMessage}; storing the rules (PostgreSQL) and auditing their changes are the caller's.
 * Depends on the JDK and the connector API only.
 */
package dev.baton.processing.correction;
