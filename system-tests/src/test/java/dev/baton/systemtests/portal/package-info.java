/**
 * The terminal management portal end to end, in headless Chromium against the started topology:
 * demo terminal operators signing in through Keycloak, their pages, what the terminal API then
 * gives a simulated terminal, and what one tenant's operator cannot reach of another's.
 */
package dev.baton.systemtests.portal;
