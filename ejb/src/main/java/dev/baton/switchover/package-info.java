/**
 * Moving banks between node A and node B: the operator's planned moves (one bank, or all) and the
 * automatic failover when a node goes DOWN. Every move is serialised per bank, refused when its
 * target is not UP, audited, and written to the switchover history.
 */
package dev.baton.switchover;
