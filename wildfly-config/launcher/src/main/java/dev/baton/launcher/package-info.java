/**
 * The launcher behind {@code ./baton}: starts and stops the demo topology (PostgreSQL, Keycloak,
 * the edge and nodes A and B) from the server the build provisioned, and reports its state.
 * The end-to-end tests drive the same classes, so the tests start what a person starts.
 * Depends on the JDK, the JDBC driver and the db-migrations module only.
 */
package dev.baton.launcher;
