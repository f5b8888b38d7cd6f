/**
 * An administrator's configuration: banks, bank sessions, BIN ranges and field correction rules,
 * read and changed in PostgreSQL (the one source of truth), each change checked field by field
 * ({@link dev.baton.operations.configuration.ConfigurationRules}), audited in the same transaction,
 * and taken up by the running servers without a restart (the session loader at once, the nodes at
 * their next read). Depends on the datasource and the session loader.
 */
package dev.baton.operations.configuration;
