/**
 * Banks played on jPOS, for people and for tests: acquirers that send authorizations at a rate,
 * issuers that answer them, and the summary of what came back. Talks to Baton only through the
 * bank ports of the external contract.
 */
package dev.baton.simulator;
