/**
 * What the simulated traffic looks like: weighted mixes (card BIN prefixes, response codes),
 * issuer latency ranges and the card numbers drawn from a BIN prefix. Plain values with no I/O;
 * depends on nothing else in the simulator.
 */
package dev.baton.simulator.traffic;
