/**
 * In-flight authorizations on a processing node: the context of each request sent to an issuer
 * ({@link dev.baton.processing.inflight.InFlightAuthorization}), the book that matches issuer
 * answers and expires contexts ({@link dev.baton.processing.inflight.InFlightBook}), the recent
 * past kept for late answers and reversals, and the issuer-side STAN allocators. Everything here is
 * thread-safe where it holds state, takes time as epoch milliseconds from the caller, and can be
 * exported and imported whole for a switchover. Depends on the JDK and the connector API's {@code
 * IsoMessage} only.
 */
package dev.baton.processing.inflight;
