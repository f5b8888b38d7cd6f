/**
 * Plumbing every terminal management service shares: local transactions on the datasource, the
 * caller's tenant scope and the tenant an operator's groups bind it to, the audit log, and the
 * ways a request is refused (not found for this tenant, invalid input, an operator bound to no
 * single tenant). Depends on JDBC only.
 */
package dev.baton.tms.db;
