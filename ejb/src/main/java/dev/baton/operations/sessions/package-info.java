/**
 * An operator's hold on a running bank session: enable, disable, disconnect. Each is audited and
 * applied to the resource adapter at once (the session loader reloads). Depends on the
 * datasource, the session loader and the connector's API.
 */
package dev.baton.operations.sessions;
