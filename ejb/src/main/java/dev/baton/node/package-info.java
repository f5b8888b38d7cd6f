/**
 * The processing node (node A or B): takes banks' messages from the edge over the node link,
 * decides them with the authorization router (BIN routing, in-flight contexts, timeouts,
 * reversals, duplicates), and sends what to write to banks back to the edge. The engine is plain
 * Java; {@link dev.baton.node.ProcessingNode} runs it inside the server.
 */
package dev.baton.node;
