/**
 * The operations console and the management API, tested from outside against the started
 * topology: every API call with every role (tokens from Keycloak's password grant), and the
 * console in headless Chromium.
 */
package dev.baton.systemtests.console;
