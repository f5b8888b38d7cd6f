/**
 * Inbound delivery: what a bank session reads goes to the message-driven endpoints through the
 * server's WorkManager, one serial queue per session so that a session's order is kept. While no
 * endpoint is active (the EAR is being redeployed) each session's messages wait in a bounded
 * buffer; a request that cannot be delivered before its deadline is declined with RC 91 by the
 * adapter, anything else that expires or overflows is counted and logged. Depends on the connector
 * API, Jakarta Connectors, the session package and jPOS; knows nothing of sockets or config.
 */
package dev.baton.connector.inbound;
