/**
 * The management REST API (CONTRACT.md, "Management REST API"), its own war at {@code /api},
 * bearer tokens only: banks and their moves, nodes, sessions, configuration, the audit log and
 * the move history. Roles per call with {@code @RolesAllowed}; every refusal and error is {@code
 * application/problem+json}. Depends on the operations services of the EJB module.
 */
package dev.baton.api;
