/**
 * One bank connection at the application level: its state (connected, signed on, signed off),
 * the network management the adapter answers itself (sign-on, sign-off, echo), the answers it
 * gives to bad frames (RC 30) and to traffic it cannot take (RC 91), the echo tests it sends
 * when the bank is silent for the echo interval ({@code EchoLoop} per connection, {@code
 * EchoTracker} per configured session: misses, the overdue mark), its counters, and the
 * conversion between jPOS messages and the API's {@code IsoMessage}. Depends on
 * the connector API (for {@code SessionState}), the config and framing packages, and jPOS.
 */
package dev.baton.connector.session;
