/**
 * The resource adapter itself: its lifecycle in the server, its configuration properties, and the
 * activations of the message-driven beans that listen to bank sessions. It wires the inbound
 * delivery, the session registry, the sessions' metrics MBeans and the gateway the outbound
 * connections use. Depends on the connector API, Jakarta Connectors, and the inbound, registry
 * and metrics packages; holds no business logic.
 */
package dev.baton.connector.adapter;
