/**
 * What the adapter is told about each bank session: who the bank is, whether the adapter listens
 * or dials, who may connect, how frames are framed and packed, and what bad input does to the
 * connection. Plain values, checked when built. Depends on the framing package only.
 */
package dev.baton.connector.config;
