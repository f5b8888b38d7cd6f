/**
 * Metrics export: one standard MBean per configured bank session in the platform MBeanServer,
 * named {@code dev.baton.connector:type=BankSession,bank=<id>,session=<id>}, registered when the
 * registry starts the session and unregistered when it stops it. The values are read live from
 * the same view {@code BankConnection.sessionsOf} returns. Depends on the registry, transport and
 * API packages and on {@code java.management}.
 */
package dev.baton.connector.metrics;
