/**
 * The bank sessions the adapter runs, by session id: {@code BankSessionRegistry} adds, replaces
 * and removes them at runtime (a replaced session's endpoint closes before the new one opens),
 * {@code SettingsReader} turns the application's {@code BankSessionSettings} into a checked
 * configuration, and {@code BankGateway} is what a {@code BankConnection} delegates to: send a
 * message on a bank's session, list a bank's sessions, configure. {@code SessionViews} builds the
 * {@code SessionInfo} that both {@code sessionsOf} and the metrics MBeans read, and {@code
 * SessionLifecycle} tells the metrics when a session starts and stops. Depends on the connector
 * API, the config, session, transport and inbound packages, and jPOS; not on Jakarta Connectors.
 */
package dev.baton.connector.registry;
