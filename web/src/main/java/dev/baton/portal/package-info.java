/**
 * The terminal management portal, for terminal operators (role {@code tms-operator}) under
 * {@code /portal}: who is signed in and which tenant their Keycloak group binds them to, the gate
 * that refuses an operator bound to no single tenant, the terminal management services this war
 * builds on Baton's datasource, and how a refused service call becomes a message on the page.
 * Depends on the services of {@code dev.baton.tms} (never its REST API) and on the server's
 * OIDC client for the operator's groups.
 */
package dev.baton.portal;
