/**
 * Terminals of a tenant: their identifiers and formats, their life cycle, their search, tags and
 * groups, the operator's view of one terminal (with its last check-in and the last authorization
 * the switch carried for its TID). Depends on {@code dev.baton.tms.db}.
 */
package dev.baton.tms.terminal;
