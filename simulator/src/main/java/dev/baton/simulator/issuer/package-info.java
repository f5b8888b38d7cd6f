/**
 * The issuer side: a host that answers authorizations, financial requests and reversals with a
 * chosen mix of response codes, after a chosen latency, leaving a share unanswered; reached by
 * the switch on a listening port, or dialing the switch and signing on. Depends on
 * {@code message} and {@code traffic}; prints nothing (the summary is data).
 */
package dev.baton.simulator.issuer;
