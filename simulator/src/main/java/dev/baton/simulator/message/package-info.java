/**
 * The ISO 8583 side of a simulated bank: the messages it builds (sign-on, authorization,
 * financial request, reversal, answers) and the channels it opens, in the framing and field
 * layout of the external contract (jPOS {@code NACChannel}, {@code ISO87BPackager}, no header),
 * on sockets with Nagle's algorithm off. Depends on jPOS only.
 */
package dev.baton.simulator.message;
