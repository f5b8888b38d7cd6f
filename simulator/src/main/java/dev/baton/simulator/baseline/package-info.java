/**
 * The jPOS baseline of the benchmark: relays built from jPOS's own classes (Q2, QServer,
 * ChannelAdaptor, QMUX) chained so a request crosses as many TCP hops as it does in Baton
 * (acquirer, r1, r2, r3, issuer: four each way), run in JVMs of their own
 * ({@link dev.baton.simulator.baseline.BaselineProcesses}) or, for tests, in this one
 * ({@link dev.baton.simulator.baseline.InProcessBaseline}). The only code of ours in a relay is
 * two request listeners: forward through a QMUX, and answer an issuer's sign-on. Depends on
 * {@code message} and on {@code bench} for the interface the bench starts it through.
 */
package dev.baton.simulator.baseline;
