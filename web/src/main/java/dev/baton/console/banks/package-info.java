/**
 * The banks dashboard: every bank with its sessions' transport and sign-on state, its node, rates
 * and counters, refreshed every second for every open browser; moving banks between the nodes
 * (one, several, all; progress and result in place, shared by all browsers through {@link
 * dev.baton.console.banks.MoveBoard}); enabling, disabling and disconnecting sessions.
 */
package dev.baton.console.banks;
