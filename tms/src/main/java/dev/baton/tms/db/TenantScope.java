package dev.baton.tms.db;

/**
 * Who is calling: the tenant every query is filtered by, and the name written to the audit log.
 *
 * @param tenantId the caller's tenant; no service reads or writes another tenant's rows
 * @param actor the operator (or {@code terminal:<serial>}) named in the audit log
 */
public record TenantScope(long tenantId, String actor) {}
