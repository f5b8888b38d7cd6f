/**
 * Tests of the ISO 8583 resource adapter in the provisioned server: a test application with a
 * message-driven bean that answers banks, and jPOS banks on the other end of real sockets.
 */
package dev.baton.systemtests.connector;
