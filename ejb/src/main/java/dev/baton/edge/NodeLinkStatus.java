package dev.baton.edge;

import dev.baton.link.NodeState;

/**
 * The edge's link to one node, as it stands.
 *
 * @param state UP, SUSPECT or DOWN, as the heartbeats tell it
 * @param reason why it is in that state
 * @param heartbeatAgeMillis milliseconds since the node last answered a heartbeat, {@link
 *     Long#MAX_VALUE} if it never has
 * @param roundTripNanos the last answered heartbeat's round trip, -1 if none has been answered
 */
public record NodeLinkStatus(NodeState state, String reason, long heartbeatAgeMillis, long roundTripNanos) {}
