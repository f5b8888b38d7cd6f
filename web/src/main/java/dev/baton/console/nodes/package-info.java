/**
 * The nodes page: each processing node's state, heartbeat age, banks served and in-flight count,
 * and a chart of answers per second and latency over the last minutes ({@link
 * dev.baton.console.nodes.TrafficChart}).
 */
package dev.baton.console.nodes;
