/**
 * Terminal management end to end: a terminal simulator speaking the terminal API over HTTP and
 * an operator speaking the operator API with a Keycloak token, against the started topology.
 */
package dev.baton.systemtests.tms;
