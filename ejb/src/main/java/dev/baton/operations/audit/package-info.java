/**
 * The audit trail of operator actions (table {@code audit_event}) and the history of bank moves
 * (table {@code switchover_history}): writing an event, and reading either with filters for the
 * console and the management API. Depends on the datasource only.
 */
package dev.baton.operations.audit;
