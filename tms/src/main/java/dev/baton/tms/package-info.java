/**
 * Terminal management (NTMS): tenants, merchants, terminals, parameter profiles, software
 * packages and deployments, and the API terminals call. Depends on the database and the
 * object store only; knows nothing of bank sessions.
 */
package dev.baton.tms;
