/**
 * The acquirer side: sessions that sign on to a switch (or straight to an issuer), send paced
 * authorizations, financial requests and reversals, match the answers and tally what came back.
 * Depends on {@code message} and {@code traffic}; prints nothing (the summary is data).
 */
package dev.baton.simulator.acquirer;
