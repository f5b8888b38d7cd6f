/**
 * The benchmark of the product's issue: issuers dial a switch and sign on, acquirers send at a
 * reference rate (latency percentiles) and then at increasing rates until a step does not hold
 * (the sustained rate), first through Baton, then through the jPOS baseline, for a side-by-side
 * ratio. The decision of which rate is sustained ({@link dev.baton.simulator.bench.Ramp},
 * {@link dev.baton.simulator.bench.HoldCriteria}) is pure. Depends on {@code acquirer},
 * {@code issuer}, {@code message} and {@code traffic}; prints nothing (progress goes to a
 * {@link dev.baton.simulator.bench.BenchListener}).
 */
package dev.baton.simulator.bench;
