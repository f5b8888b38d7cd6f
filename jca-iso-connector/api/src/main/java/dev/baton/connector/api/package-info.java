/**
 * The contract between the ISO 8583 resource adapter and the applications that use it: the
 * listener interface message-driven beans implement ({@code BankSessionListener}), the connection
 * factory and connection an application sends with ({@code BankConnectionFactory}, {@code
 * BankConnection}), and the value types both sides pass ({@code BankMessage}, {@code IsoMessage},
 * {@code SessionInfo}, {@code BankSessionSettings}). Loaded once, from the RAR, so that the
 * adapter and the EAR see the same classes. Depends on nothing but the JDK: no jPOS, no Jakarta.
 */
package dev.baton.connector.api;
