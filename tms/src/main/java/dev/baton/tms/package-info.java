/**
 * Terminal management (NTMS): tenants, merchants, terminals, parameter profiles, software
 * packages and deployments, and the API terminals call. Depends on the database and the
 * object store only; knows nothing of bank sessions. {@link dev.baton.tms.TerminalManagement}
 * gathers the services for their two callers, the REST API of this war and the operators'
 * portal in the console's war.
 */
package dev.baton.tms;
