/**
 * The node link: the framed TCP protocol between the edge server, which holds the banks' ISO 8583
 * sessions, and the processing nodes A and B. {@link dev.baton.link.FrameCodec} reads and writes
 * {@link dev.baton.link.Frame}s; {@link dev.baton.link.NodeLinkClient} is the edge's end (one per
 * node: connects, reconnects with backoff, judges the node UP, SUSPECT or DOWN from heartbeats);
 * {@link dev.baton.link.NodeLinkServer} is the node's end. The ISO messages it carries are opaque
 * bytes here. Plain Java with no dependencies, so that the edge (in WildFly, with a
 * ManagedThreadFactory) and the nodes use the same code; the protocol's reference is
 * docs/node-protocol.md.
 */
package dev.baton.link;
