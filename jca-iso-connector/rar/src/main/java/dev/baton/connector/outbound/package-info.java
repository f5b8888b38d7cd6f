/**
 * The outbound Connectors contract: the connection definition ({@code
 * IsoManagedConnectionFactory}) the server binds as {@code BankConnectionFactory}, the managed
 * connection the server pools, and the handles an application gets. No transactions
 * (NoTransaction); a handle only forwards to the adapter's {@code BankGateway}, so a pooled
 * connection holds no socket of its own. Depends on the connector API, Jakarta Connectors, the
 * adapter and the registry packages.
 */
package dev.baton.connector.outbound;
