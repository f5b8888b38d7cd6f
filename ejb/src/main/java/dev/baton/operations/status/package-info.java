/**
 * What the console and the management API show about banks and nodes: each bank's sessions
 * (transport and sign-on state apart), its node, rates and counters; each node's link and
 * traffic, with a few minutes of history. Reads the configuration tables, the route table, the
 * edge's engine and the adapter's session views; changes nothing.
 */
package dev.baton.operations.status;
