/**
 * The operations console: who is signed in and with which roles, and (as it grows) the banks,
 * nodes, configuration and audit pages. Depends on the EJB services only, never on the entity
 * manager.
 */
package dev.baton.console;
