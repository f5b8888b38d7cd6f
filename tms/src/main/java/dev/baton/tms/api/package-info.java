/**
 * The REST API of terminal management (JAX-RS, described in {@code /openapi.yaml}): the terminal
 * API with per-terminal credentials and rate limit, the operator API behind Keycloak with the
 * operator's tenant from its token, and how refusals map to HTTP statuses. Depends on every
 * service package of {@code dev.baton.tms}.
 */
package dev.baton.tms.api;
