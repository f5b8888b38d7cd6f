/**
 * Banks played on jPOS, for people and for tests: acquirers that send authorizations at a rate,
 * issuers that answer them, and the summary of what came back; and the benchmark that sets Baton
 * beside a bare jPOS baseline. Talks to Baton only through the bank ports of the external
 * contract.
 *
 * <p>This package is the command-line entry ({@link dev.baton.simulator.Main}) and the printers
 * ({@code SummaryPrinter}, {@code BenchPrinter}), the only classes that write to the console; the
 * work lives in {@code acquirer}, {@code issuer}, {@code bench}, {@code baseline},
 * {@code message}, {@code traffic}, and the argument parsing in {@code command}.
 */
package dev.baton.simulator;
