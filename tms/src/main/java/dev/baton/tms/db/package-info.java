/**
 * Plumbing every terminal management service shares: local transactions on the datasource, the
 * caller's tenant scope, the audit log, and the two ways a request is refused (not found for this
 * tenant, invalid input). Depends on JDBC only.
 */
package dev.baton.tms.db;
