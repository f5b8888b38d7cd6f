/**
 * Authorization processing on a node (the "FO" role): the routing decision for an acquirer's
 * request or an issuer's answer ({@link dev.baton.processing.AuthorizationRouter}, whose outcomes
 * are the {@link dev.baton.processing.Decision} records), duplicate detection, and the response
 * codes the switch itself produces. Plain Java: no container, no I/O; sending, sessions, timers and
 * persistence belong to the EJBs that use these classes. Depends on the sub-packages {@code bin}
 * and {@code inflight}, and on the connector API's {@code IsoMessage}.
 */
package dev.baton.processing;
