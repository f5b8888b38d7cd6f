/**
 * Test stand-ins for what the server and the banks provide: a WorkManager on an executor, a
 * bootstrap context, message endpoints as dynamic proxies that record the Connectors calls, and a
 * bank on a plain jPOS channel. Used by tests of the adapter, inbound, registry and outbound
 * packages; depends on the connector API, Jakarta Connectors and jPOS.
 */
package dev.baton.connector.testkit;
