/**
 * The resource adapter itself: its lifecycle in the server and the activations of the
 * message-driven beans that listen to bank sessions. Depends on the connector API and Jakarta
 * Connectors only; holds no business logic.
 */
package dev.baton.connector.adapter;
